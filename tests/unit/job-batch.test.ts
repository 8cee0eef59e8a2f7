// A worker's batch: each job is settled on its own, so a failing job (or one whose settlement
// fails) never fails or retries the others; what cannot be settled is thrown back to pg-boss.
import type PgBoss from "pg-boss";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/registry";
import type { FetchedJob } from "@/lib/jobs/runner";
import { runBatch } from "@/lib/jobs/workers";

defineJob("rules.breaker_check", async (_db, data) => {
  if (data.storeId === "bad") throw new Error("handler failed");
});

const job = (id: string, storeId = id) =>
  ({
    id,
    name: "rules.breaker_check",
    data: { storeId },
    retryCount: 0,
    retryLimit: 2,
  }) as unknown as FetchedJob;

let settled: { completed: string[]; failed: string[] };
let broken: { complete: Set<string>; fail: Set<string> };
const boss = {
  // Like pg-boss: one id or many in one statement, all or nothing.
  complete: vi.fn(async (_name: string, ids: string | string[]) => {
    const list = Array.isArray(ids) ? ids : [ids];
    if (list.some((id) => broken.complete.has(id))) throw new Error("connection lost");
    settled.completed.push(...list);
  }),
  fail: vi.fn(async (_name: string, id: string) => {
    if (broken.fail.has(id)) throw new Error("connection lost");
    settled.failed.push(id);
  }),
  getDb: () => ({ executeSql: async () => ({ rows: [] }) }),
} as unknown as PgBoss;
const db = {} as Db;

beforeEach(() => {
  vi.mocked(boss.complete).mockClear();
  settled = { completed: [], failed: [] };
  broken = { complete: new Set(), fail: new Set() };
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});

describe("runBatch", () => {
  it("completes the good jobs and fails only the failing one", async () => {
    await runBatch(boss, db, [job("a"), job("b", "bad"), job("c")]);
    expect(settled.completed.sort()).toEqual(["a", "c"]);
    expect(settled.failed).toEqual(["b"]);
  });

  it("completes the batch's good jobs in one call", async () => {
    await runBatch(boss, db, [job("a"), job("b", "bad"), job("c")]);
    const calls = vi.mocked(boss.complete).mock.calls;
    expect(calls).toEqual([["rules.breaker_check", ["a", "c"]]]);
  });

  it("fails a job whose completion could not be recorded, leaving the others alone", async () => {
    broken.complete.add("b");
    await runBatch(boss, db, [job("a"), job("b"), job("c")]);
    expect(settled.completed.sort()).toEqual(["a", "c"]);
    expect(settled.failed).toEqual(["b"]);
  });

  it("throws back to pg-boss only when a job cannot be settled at all", async () => {
    broken.complete.add("b");
    broken.fail.add("b");
    await expect(runBatch(boss, db, [job("a"), job("b")])).rejects.toThrow("1 job(s) could not be settled");
    expect(settled.completed).toEqual(["a"]);
  });
});
