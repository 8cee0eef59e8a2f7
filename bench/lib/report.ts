// Printed tables and JSON results (bench/results/, gitignored) for every benchmark.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type Row = Record<string, string | number | null | undefined>;

export const RESULTS_DIR = path.join(process.cwd(), "bench", "results");

export function printTable(title: string, rows: Row[]) {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log("  (no rows)");
    return;
  }
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: Row[string]) => (v === null || v === undefined ? "—" : typeof v === "number" ? fmt(v) : v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r[c])).length)));
  const line = (values: string[]) =>
    `| ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(" | ")} |`;
  console.log(line(columns));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const r of rows) console.log(line(columns.map((c) => String(cell(r[c])))));
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString("en-US").replace(/,/g, " ");
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export function writeResult(name: string, data: unknown): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(RESULTS_DIR, `${name}-${stamp}.json`);
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  fs.writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), machine, data }, null, 2));
  return file;
}

export const ratio = (value: number, limit: number) => (limit > 0 ? value / limit : 0);
export const pct = (r: number) => `${Math.round(r * 100)} %`;
