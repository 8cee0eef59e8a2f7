// The audit log as a CSV file, streamed in batches (lib/console/csv), newest event first.
import { csvStream } from "@/lib/console/csv";
import type { DbOrTx } from "@/lib/db";
import type { AuditFilters } from "./filters";
import { AUDIT_CSV_HEADER, type AuditReader, auditCsvCells, iterateAuditEvents } from "./queries";

export function auditCsvStream(
  db: DbOrTx,
  filters: Partial<AuditFilters>,
  timeZone: string,
  names: Map<string, string>,
  reader: AuditReader,
): ReadableStream<Uint8Array> {
  async function* cells() {
    for await (const row of iterateAuditEvents(db, filters, timeZone, reader))
      yield auditCsvCells(row, names);
  }
  return csvStream(AUDIT_CSV_HEADER, cells());
}
