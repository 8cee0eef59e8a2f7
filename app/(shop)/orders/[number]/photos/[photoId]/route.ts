// A request photo for the shopper who holds this order's access grant, and nobody else.
import { getGrantedOrder } from "@/lib/access/session";
import { getDb } from "@/lib/db";
import { photoResponse } from "@/lib/uploads/response";
import { findRequestPhoto } from "@/lib/uploads/queries";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ number: string; photoId: string }> },
) {
  const { number, photoId } = await params;
  const db = await getDb();
  const grant = await getGrantedOrder(db, number);
  const photo = grant ? await findRequestPhoto(db, photoId, grant.id) : null;
  return photoResponse(photo);
}
