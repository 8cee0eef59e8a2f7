// Opaque keyset cursors: the sort value and id of the last row on a page.
export type Cursor = { v: string | number; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.v, cursor.id])).toString("base64url");
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [v, id] = parsed as unknown[];
    if ((typeof v !== "string" && typeof v !== "number") || typeof id !== "string") return null;
    return { v, id };
  } catch {
    return null;
  }
}
