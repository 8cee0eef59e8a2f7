// The analytics report as CSV: the same report object the charts draw.
import { analyticsCsv } from "@/lib/analytics/csv";
import { parsePeriod } from "@/lib/analytics/period";
import { getAnalyticsReport } from "@/lib/analytics/queries";
import { authorizeStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getStoreOrThrow } from "@/lib/settings/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const who = await authorizeStaff("viewer");
  if (!who.ok)
    return Response.json(
      { code: who.code, message: who.message },
      { status: who.code === "unauthorized" ? 401 : 403 },
    );
  const params = new URL(request.url).searchParams;
  const db = await getDb();
  const store = await getStoreOrThrow(db);
  const period = parsePeriod(
    {
      preset: params.get("preset") ?? undefined,
      from: params.get("from") ?? undefined,
      to: params.get("to") ?? undefined,
    },
    store.timeZone,
  );
  const report = await getAnalyticsReport(db, store, period);
  return new Response(analyticsCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="aftercare-analytics-${period.from}-${period.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
