// An order link from an e-mail: it grants what a lookup grants (the order-access cookie for that
// one order) and redirects to the order page, so the token leaves the address bar at once.
// A link that no longer works lands on the lookup page, which says why.
import { NextResponse } from "next/server";
import { orderPath } from "@/lib/access/order-access";
import { openOrderLink } from "@/lib/access/order-links";
import { grantOrderAccess } from "@/lib/access/session";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opened = await openOrderLink(await getDb(), decodeURIComponent(token), env().authSecret);
  const to = opened.ok ? orderPath(opened.order.number) : `/?link=${opened.reason}`;
  if (opened.ok) await grantOrderAccess(opened.order);
  // Relative, so the browser stays on the origin it used (and sends the cookie just set there).
  return new NextResponse(null, {
    status: 303,
    headers: { Location: to, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" },
  });
}
