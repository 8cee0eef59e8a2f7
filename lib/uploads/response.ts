import "server-only";
import { readPhoto } from "./photos";

/** The stored photo as an image response, or 404; never cached by shared caches, never sniffed. */
export async function photoResponse(photo: { path: string; mimeType: string } | null): Promise<Response> {
  const bytes = photo ? await readPhoto(photo.path) : null;
  if (!photo || !bytes)
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": photo.mimeType,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
      "Content-Disposition": "inline",
    },
  });
}
