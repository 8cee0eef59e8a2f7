// The audit log as CSV, streamed in batches so a long history never sits in memory at once.
import { auditCsvStream } from "@/lib/audit/export";
import { parseAuditFilters } from "@/lib/audit/filters";
import { hasRole } from "@/lib/auth/roles";
import { authorizeStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getStoreOrThrow } from "@/lib/settings/queries";
import { staffNames } from "@/lib/staff/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const who = await authorizeStaff("viewer");
  if (!who.ok)
    return Response.json(
      { code: who.code, message: who.message },
      { status: who.code === "unauthorized" ? 401 : 403 },
    );
  const filters = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const [store, names] = await Promise.all([getStoreOrThrow(db), staffNames(db)]);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(
    auditCsvStream(db, filters, store.timeZone, names, { seesStaff: hasRole(who.data.role, "owner") }),
    {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="aftercare-audit-${stamp}.csv"`,
        "Cache-Control": "private, no-store",
      },
    },
  );
}
