// The audit log on the demo data: filters by actor, subject, type and the store's calendar
// days; keyset pages that cover everything exactly once; and a CSV export that reads back to
// the same rows, with spreadsheet formulas defused.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCsvStream } from "@/lib/audit/export";
import { parseAuditFilters } from "@/lib/audit/filters";
import { AUDIT_CSV_HEADER, auditCsvCells, iterateAuditEvents, listAuditEvents } from "@/lib/audit/queries";
import { csvCell, csvRow, parseCsv } from "@/lib/console/csv";
import type { Database } from "@/lib/db/client";
import { events } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { recordEvent } from "@/lib/events/record";
import { rowsOf } from "@/lib/jobs/sql-adapter";
import { createDemoDatabase } from "../fixtures/db";

const TZ = "Europe/Oslo";
const OWNER = { seesStaff: true };
let database: Database;
let staffId: string;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 5 });
  staffId = "6f1c1d2e-0000-4000-8000-00000000abcd";
  // Two staff events either side of Oslo's midnight (23:30 and 00:30 local on 1 Dec 2026).
  await recordEvent(database.db, {
    storeId: DEMO_STORE_ID,
    subjectType: "staff",
    subjectId: staffId,
    actor: { type: "staff", id: staffId },
    type: "staff.signed_in",
    data: { email: '=HYPERLINK("http://evil")' },
    at: new Date("2026-11-30T22:30:00Z"),
  });
  await recordEvent(database.db, {
    storeId: DEMO_STORE_ID,
    subjectType: "staff",
    subjectId: staffId,
    actor: { type: "staff", id: staffId },
    type: "staff.signed_out",
    data: { note: 'says "hi", twice\nand a newline' },
    at: new Date("2026-11-30T23:30:00Z"),
  });
});
afterAll(async () => {
  await database.close();
});

const total = async (where = sql`true`) =>
  Number(
    rowsOf(await database.db.execute(sql`select count(*)::int as n from ${events} where ${where}`))[0]!.n,
  );

describe("audit log", () => {
  it("filters by actor and subject type", async () => {
    const gateway = await listAuditEvents(database.db, { actorType: "gateway", limit: 500 }, OWNER);
    expect(gateway.rows.length).toBe(await total(sql`actor_type = 'gateway'`));
    expect(gateway.rows.every((e) => e.actorType === "gateway")).toBe(true);
    const refunds = await listAuditEvents(database.db, { subjectType: "refund", limit: 500 }, OWNER);
    expect(refunds.rows.length).toBe(await total(sql`subject_type = 'refund'`));
    expect(refunds.rows.every((e) => e.subjectType === "refund" && e.orderNumber)).toBe(true);
  });

  it("filters by an event type or a whole family", async () => {
    const failed = await listAuditEvents(database.db, { type: "refund.failed" }, OWNER);
    expect(failed.rows.map((e) => e.orderNumber)).toEqual(["1010"]);
    const family = await listAuditEvents(database.db, { type: "refund.", limit: 500 }, OWNER);
    expect(family.rows.length).toBe(await total(sql`type like 'refund.%'`));
  });

  it("reads from and to as whole days in the store's time zone", async () => {
    const dec1 = await listAuditEvents(
      database.db,
      { from: "2026-12-01", to: "2026-12-01", timeZone: TZ },
      OWNER,
    );
    expect(dec1.rows.map((e) => e.type)).toEqual(["staff.signed_out"]);
    const nov30 = await listAuditEvents(
      database.db,
      {
        from: "2026-11-30",
        to: "2026-11-30",
        timeZone: TZ,
        actorType: "staff",
      },
      OWNER,
    );
    expect(nov30.rows.map((e) => e.type)).toEqual(["staff.signed_in"]);
  });

  it("pages newest first with a cursor, every event exactly once", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listAuditEvents(database.db, { cursor, limit: 17 }, OWNER);
      seen.push(...page.rows.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(await total());
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it("ignores filters that are not valid instead of failing", () => {
    expect(
      parseAuditFilters({
        actorType: "hacker",
        subjectType: "order",
        from: "yesterday",
        type: "x'; drop table events; --",
      }),
    ).toEqual({ subjectType: "order" });
  });

  it("exports CSV that reads back to the same events, with formulas defused", async () => {
    const names = new Map([[staffId, "Agnes (agent@nordlys.example)"]]);
    let text = csvRow(AUDIT_CSV_HEADER);
    const rows = [];
    for await (const row of iterateAuditEvents(database.db, { actorType: "staff" }, TZ, OWNER)) {
      rows.push(row);
      text += csvRow(auditCsvCells(row, names));
    }
    const parsed = parseCsv(text);
    expect(parsed[0]).toEqual(AUDIT_CSV_HEADER);
    expect(parsed).toHaveLength(rows.length + 1);
    const byType = new Map(parsed.slice(1).map((r) => [r[8], r]));
    const out = byType.get("staff.signed_out")!;
    expect(out[1]).toBe("2026-11-30T23:30:00.000Z");
    expect(out[4]).toBe("Agnes (agent@nordlys.example)");
    expect(JSON.parse(out[9]!)).toEqual({ note: 'says "hi", twice\nand a newline' });
    // A cell that starts like a formula is prefixed so spreadsheets show it as text.
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell(-12)).toBe("-12");
  });

  it("shows staff accounts' events (e-mails, roles) to owners only, as /merchant/staff does", async () => {
    const staffEvents = (rows: { subjectType: string }[]) => rows.filter((r) => r.subjectType === "staff");
    const owner = await listAuditEvents(database.db, { limit: 500 }, OWNER);
    expect(staffEvents(owner.rows).length).toBeGreaterThanOrEqual(2);
    const viewer = await listAuditEvents(database.db, { limit: 500 }, { seesStaff: false });
    expect(staffEvents(viewer.rows)).toEqual([]);
    expect(viewer.rows.length).toBe(owner.rows.length - staffEvents(owner.rows).length);
    const exported = [];
    for await (const row of iterateAuditEvents(database.db, { subjectType: "staff" }, TZ, {
      seesStaff: false,
    })) {
      exported.push(row);
    }
    expect(exported).toEqual([]);
  });

  it("exports a file that starts with the UTF-8 byte order mark, so ø and 中文 open in a spreadsheet", async () => {
    const names = new Map([[staffId, "Bjørn Ødegård (陈静)"]]);
    const stream = auditCsvStream(database.db, { actorType: "staff" }, TZ, names, OWNER);
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseCsv(new TextDecoder().decode(bytes));
    expect(parsed[0]).toEqual(AUDIT_CSV_HEADER);
    expect(parsed.slice(1).map((r) => r[4])).toContain("Bjørn Ødegård (陈静)");
  });
});
