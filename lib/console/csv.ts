// CSV (RFC 4180) for exports. Cells that a spreadsheet would run as a formula are prefixed
// with an apostrophe, so an e-mail or comment cannot smuggle a formula into someone's Excel.
export type CsvCell = string | number | boolean | null | undefined | Date;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: CsvCell[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** Starts every file: without it Excel reads a CSV in the system's code page and garbles ø and 中文. */
export const UTF8_BOM = "\uFEFF";

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return UTF8_BOM + csvRow(header) + rows.map(csvRow).join("");
}

/** A CSV file streamed in batches of rows, so a long export never sits in memory at once. */
export function csvStream(
  header: string[],
  rows: AsyncIterable<CsvCell[]>,
  batchSize = 500,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + csvRow(header)));
    },
    async pull(controller) {
      const batch: string[] = [];
      while (batch.length < batchSize) {
        const next = await iterator.next();
        if (next.done) {
          if (batch.length) controller.enqueue(encoder.encode(batch.join("")));
          controller.close();
          return;
        }
        batch.push(csvRow(next.value));
      }
      controller.enqueue(encoder.encode(batch.join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Parses CSV produced by toCsv (used by tests to read exports back). */
export function parseCsv(file: string): string[][] {
  const text = file.startsWith(UTF8_BOM) ? file.slice(UTF8_BOM.length) : file;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
