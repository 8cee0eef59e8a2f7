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

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opened = await openOrderLink(await getDb(), decodeURIComponent(token), env().authSecret);
  const to = opened.ok ? orderPath(opened.order.number) : `/?link=${opened.reason}`;
  if (opened.ok) await grantOrderAccess(opened.order);
  const response = NextResponse.redirect(new URL(to, request.url), 303);
  response.headers.set("Referrer-Policy", "no-referrer");
  response.headers.set("Cache-Control", "no-store");
  return response;
}
