// Copied into the bench's build only (bench/lib/app.ts), as app/bench-floor/route.ts: a route
// handler that reads nothing and answers a small JSON body — the framework's floor under the
// status route.
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json(
    { now: new Date().toISOString() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
