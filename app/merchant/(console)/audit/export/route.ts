// The audit log as CSV, streamed in batches so a long history never sits in memory at once.
import { parseAuditFilters } from "@/lib/audit/filters";
import { AUDIT_CSV_HEADER, auditCsvCells, iterateAuditEvents } from "@/lib/audit/queries";
import { hasRole } from "@/lib/auth/roles";
import { authorizeStaff } from "@/lib/auth/session";
import { csvRow } from "@/lib/console/csv";
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
  const encoder = new TextEncoder();
  const rows = iterateAuditEvents(db, filters, store.timeZone, {
    seesStaff: hasRole(who.data.role, "owner"),
  });
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(AUDIT_CSV_HEADER)));
    },
    async pull(controller) {
      const batch: string[] = [];
      for (let i = 0; i < 500; i++) {
        const next = await rows.next();
        if (next.done) {
          if (batch.length) controller.enqueue(encoder.encode(batch.join("")));
          controller.close();
          return;
        }
        batch.push(csvRow(auditCsvCells(next.value, names)));
      }
      controller.enqueue(encoder.encode(batch.join("")));
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="aftercare-audit-${stamp}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
