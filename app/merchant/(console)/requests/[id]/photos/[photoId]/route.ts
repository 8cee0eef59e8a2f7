// A request photo for signed-in staff (any role), and nobody else.
import { and, eq } from "drizzle-orm";
import { authorizeStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { requestPhotos } from "@/lib/db/schema";
import { findRequestPhoto } from "@/lib/uploads/queries";
import { photoResponse } from "@/lib/uploads/response";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; photoId: string }> },
) {
  const who = await authorizeStaff("viewer");
  if (!who.ok) return new Response(who.message, { status: who.code === "unauthorized" ? 401 : 403 });
  const { id, photoId } = await params;
  if (!UUID.test(id) || !UUID.test(photoId)) return photoResponse(null);
  const db = await getDb();
  const [ofRequest] = await db
    .select({ id: requestPhotos.id })
    .from(requestPhotos)
    .where(and(eq(requestPhotos.id, photoId), eq(requestPhotos.requestId, id)))
    .limit(1);
  return photoResponse(ofRequest ? await findRequestPhoto(db, photoId) : null);
}
