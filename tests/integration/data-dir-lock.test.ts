import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, migrateDatabase, openDatabase } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { DataDirLockedError } from "@/lib/db/lock";
import { seedDemoStore } from "@/lib/demo/seed";
import { TEST_NOW } from "../fixtures/db";

// PGlite has no lock of its own; a second process on the same directory would silently lose
// writes. These tests prove the app's lock refuses it, in-process and from another process.
let dataDir: string;
let first: Database;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aftercare-lock-"));
  first = await openDatabase({ driver: "pglite", dataDir });
  await migrateDatabase(first);
  await seedDemoStore(first.db, { now: TEST_NOW, generated: 0 });
});

afterAll(async () => {
  await first?.close().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the PGlite data directory lock", () => {
  it("refuses a second open of the same directory with a clear error", async () => {
    await expect(openDatabase({ driver: "pglite", dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(openDatabase({ driver: "pglite", dataDir })).rejects.toThrow(
      /in use by another Aftercare process/,
    );
  });

  it("refuses another process (the seed script) and leaves the data intact", async () => {
    const result = spawnSync("npx", ["tsx", "scripts/seed.ts", "--reset"], {
      cwd: process.cwd(),
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/in use by another Aftercare process/);
    const rows = await first.db
      .select({ number: orders.number })
      .from(orders)
      .where(eq(orders.number, "1002"));
    expect(rows).toHaveLength(1);
  });

  it("lets the next process open the directory once the first has closed, with its data", async () => {
    await first.close();
    const second = await openDatabase({ driver: "pglite", dataDir });
    try {
      const rows = await second.db.select({ number: orders.number }).from(orders);
      expect(rows.map((r) => r.number).sort()).toContain("1013");
      expect(rows).toHaveLength(13);
    } finally {
      await second.close();
    }
  });
});
