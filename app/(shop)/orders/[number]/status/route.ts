// The order's live status as JSON for the timeline's polling. It sits under the order's path
// so the order-access cookie is sent, and answers only for the order that cookie grants.
import { NextResponse } from "next/server";
import { getLocale } from "next-intl/server";
import { getGrantedOrder } from "@/lib/access/session";
import { getDb } from "@/lib/db";
import { getOrderStatusCached } from "@/lib/timeline/status-cache";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function GET(_request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const db = await getDb();
  const grant = await getGrantedOrder(db, number);
  if (!grant) {
    return NextResponse.json(
      { error: { code: "not_found", message: "No order is open in this session under that number." } },
      { status: 404, headers: NO_STORE },
    );
  }
  // The grant's order row is the status's order row; an unchanged order is answered from the cache.
  return NextResponse.json(await getOrderStatusCached(db, grant, await getLocale()), { headers: NO_STORE });
}
