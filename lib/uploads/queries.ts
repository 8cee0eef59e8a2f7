import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { requestPhotos, requests } from "@/lib/db/schema";

/** A request photo by id; with `orderId`, only when its request belongs to that order. */
export async function findRequestPhoto(db: DbOrTx, photoId: string, orderId?: string) {
  if (!/^[0-9a-f-]{36}$/i.test(photoId)) return null;
  const [row] = await db
    .select({ path: requestPhotos.path, mimeType: requestPhotos.mimeType, orderId: requests.orderId })
    .from(requestPhotos)
    .innerJoin(requests, eq(requests.id, requestPhotos.requestId))
    .where(
      orderId
        ? and(eq(requestPhotos.id, photoId), eq(requests.orderId, orderId))
        : eq(requestPhotos.id, photoId),
    )
    .limit(1);
  return row ?? null;
}
