// Opaque keyset cursors over (created_at, id), newest first: stable under inserts, no offsets.
// The instant travels as PostgreSQL's own text (microseconds), which a JS Date would truncate.
import { type AnyColumn, sql, type SQL } from "drizzle-orm";
import { ApiError } from "./errors";

export type PageCursor = { at: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PG_INSTANT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

/** The column's exact value as text, to select beside each row of a page. */
export const cursorKey = (createdAt: AnyColumn) => sql<string>`${createdAt}::text`;

export function encodePageCursor(row: { cursorAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.cursorAt, row.id])).toString("base64url");
}

export function decodePageCursor(raw: string | undefined): PageCursor | null {
  if (!raw) return null;
  const invalid = new ApiError("invalid_input", "The cursor is not valid.", {
    cursor: ["Use the nextCursor of a previous page"],
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid;
  const [at, id] = parsed as unknown[];
  if (typeof at !== "string" || typeof id !== "string" || !PG_INSTANT.test(at) || !UUID.test(id))
    throw invalid;
  return { at, id };
}

/** Rows strictly after the cursor in (created_at desc, id desc) order. */
export function afterCursor(cursor: PageCursor | null, createdAt: AnyColumn, id: AnyColumn): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${createdAt}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/** Takes `limit + 1` rows and turns them into one page and the cursor of the next. */
export function toPage<T extends { cursorAt: string; id: string }>(rows: T[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodePageCursor(last) : null };
}
