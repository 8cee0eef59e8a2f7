// The job layer on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): jobs commit and
// roll back with the caller's transaction, failures retry with capped backoff, exhausted jobs are
// listed for staff and can be sent round again, and started workers pick jobs up on their own.
import "@/lib/jobs/all";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { stores } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { installJobQueues } from "@/lib/jobs/boss";
import { runJobsNow } from "@/lib/jobs/drain";
import { enqueue } from "@/lib/jobs/enqueue";
import { listFailedJobs, retryFailedJob } from "@/lib/jobs/failed";
import { JOB_SCHEDULES, type JobName } from "@/lib/jobs/names";
import { defineJob, getJobDefinition, type JobContext } from "@/lib/jobs/registry";
import { rowsOf } from "@/lib/jobs/sql-adapter";
import { startWorkers } from "@/lib/jobs/workers";
import { createDemoDatabase } from "../fixtures/db";

// A real queue name with a handler the tests steer; registered after lib/jobs/all so it wins.
const TEST_JOB: JobName = "rules.breaker_check";
const seen: { storeId: string; context: JobContext }[] = [];
let failWith: string | null = null;
defineJob(
  TEST_JOB,
  async (_db, data, context) => {
    seen.push({ storeId: data.storeId, context });
    if (failWith) throw new Error(failWith);
    if (data.storeId.startsWith("fail-")) throw new Error(`${data.storeId} fails`);
    if (data.storeId.startsWith("slow-")) await new Promise((resolve) => setTimeout(resolve, 1_500));
  },
  { retryLimit: 2, retryDelay: 2, retryBackoff: true, maxRetryDelay: 5 },
);

let database: Database;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 0 });
  await installJobQueues(database); // applies the test job's retry policy to its queue
});
afterAll(async () => {
  await database.close();
});
beforeEach(() => {
  seen.length = 0;
  failWith = null;
});

let counter = 0;
const marker = () => `store-${Date.now()}-${++counter}`;

async function jobRow(id: string) {
  const result = await database.db.execute(sql`
    select state, retry_count, retry_limit, extract(epoch from start_after - now()) as delay,
      started_on::text as started_on, output
    from pgboss.job where id = ${id}::uuid`);
  const row = rowsOf(result)[0]!;
  return {
    state: String(row.state),
    retryCount: Number(row.retry_count),
    delay: Number(row.delay),
    startedOn: row.started_on as string | null,
    output: row.output as { message?: string } | null,
  };
}

async function jobsWithMarker(value: string) {
  const result = await database.db.execute(sql`select id from pgboss.job where data->>'storeId' = ${value}`);
  return rowsOf(result);
}

describe("enqueue inside a transaction", () => {
  it("runs a job whose transaction committed, with its data", async () => {
    const storeId = marker();
    const jobId = await database.db.transaction(async (tx) => {
      await tx.update(stores).set({ updatedAt: new Date() });
      return enqueue(tx, TEST_JOB, { storeId });
    });
    expect(jobId).toBeTruthy();

    const result = await runJobsNow(database, { names: [TEST_JOB] });
    expect(result.runs).toEqual([{ name: TEST_JOB, id: jobId, outcome: "completed" }]);
    expect(seen.map((s) => s.storeId)).toEqual([storeId]);
    expect(seen[0]!.context).toMatchObject({ id: jobId, retryCount: 0, retryLimit: 2, isLastAttempt: false });
    expect((await jobRow(jobId!)).state).toBe("completed");
  });

  it("leaves no job behind when the transaction rolls back", async () => {
    const storeId = marker();
    await expect(
      database.db.transaction(async (tx) => {
        await enqueue(tx, TEST_JOB, { storeId });
        throw new Error("the command failed after enqueueing");
      }),
    ).rejects.toThrow("the command failed after enqueueing");

    expect(await jobsWithMarker(storeId)).toHaveLength(0);
    expect((await runJobsNow(database, { names: [TEST_JOB] })).runs).toHaveLength(0);
    expect(seen).toHaveLength(0);
  });

  it("also enqueues on the plain database handle, outside a transaction", async () => {
    const storeId = marker();
    await enqueue(database.db, TEST_JOB, { storeId });
    await runJobsNow(database, { names: [TEST_JOB] });
    expect(seen.map((s) => s.storeId)).toEqual([storeId]);
  });
});

describe("enqueue with a delay", () => {
  it("accepts startAfter as seconds from now or as an instant", async () => {
    const inSeconds = await database.db.transaction((tx) =>
      enqueue(tx, TEST_JOB, { storeId: marker() }, { startAfter: 30 }),
    );
    const at = new Date(Date.now() + 120_000);
    const atInstant = await database.db.transaction((tx) =>
      enqueue(tx, TEST_JOB, { storeId: marker() }, { startAfter: at }),
    );
    expect((await jobRow(inSeconds!)).delay).toBeGreaterThan(25);
    expect((await jobRow(inSeconds!)).delay).toBeLessThanOrEqual(30);
    expect((await jobRow(atInstant!)).delay).toBeGreaterThan(110);
    expect((await jobRow(atInstant!)).delay).toBeLessThanOrEqual(120);
    expect((await runJobsNow(database, { names: [TEST_JOB] })).runs).toHaveLength(0);
    await runJobsNow(database, { names: [TEST_JOB], ignoreStartAfter: true });
  });
});

describe("retries and the failed list", () => {
  it("retries with growing, capped delays, then lists the job as failed; a staff retry runs it again", async () => {
    failWith = "gateway unreachable";
    const storeId = marker();
    const jobId = (await enqueue(database.db, TEST_JOB, { storeId }))!;

    // Attempt 1 fails: the retry waits retryDelay × (1..2) = 2–4 s.
    expect((await runJobsNow(database, { names: [TEST_JOB] })).retry).toBe(1);
    const first = await jobRow(jobId);
    expect(first).toMatchObject({ state: "retry", retryCount: 0 });
    expect(first.delay).toBeGreaterThan(1.5);
    expect(first.delay).toBeLessThanOrEqual(4.1);
    // Not due yet: a drain that respects the delay runs nothing.
    expect((await runJobsNow(database, { names: [TEST_JOB] })).runs).toHaveLength(0);

    // Attempt 2 fails: the next delay doubles (4–8 s) but is capped at maxRetryDelay (5 s).
    expect(
      (await runJobsNow(database, { names: [TEST_JOB], ignoreStartAfter: true, maxJobs: 1 })).retry,
    ).toBe(1);
    const second = await jobRow(jobId);
    expect(second).toMatchObject({ state: "retry", retryCount: 1 });
    expect(second.delay).toBeGreaterThan(3.5);
    expect(second.delay).toBeLessThanOrEqual(5.1);

    // Attempt 3 is the last (retryLimit 2): the job fails for good.
    expect((await runJobsNow(database, { names: [TEST_JOB], ignoreStartAfter: true })).failed).toBe(1);
    expect(seen.map((s) => s.context.isLastAttempt)).toEqual([false, false, true]);
    expect((await jobRow(jobId)).state).toBe("failed");

    const failed = (await listFailedJobs(database.db)).find((j) => j.id === jobId);
    expect(failed).toMatchObject({
      name: TEST_JOB,
      data: { storeId },
      error: "gateway unreachable",
      attempts: 3,
    });
    expect(failed!.failedAt).toBeInstanceOf(Date);

    // Staff retry after the cause is fixed: a fresh round, run at once.
    failWith = null;
    await retryFailedJob(database.db, jobId);
    expect((await listFailedJobs(database.db)).some((j) => j.id === jobId)).toBe(false);
    expect((await runJobsNow(database, { names: [TEST_JOB] })).completed).toBe(1);
    expect(seen.at(-1)!.context).toMatchObject({ retryCount: 0, isLastAttempt: false });
    expect((await jobRow(jobId)).state).toBe("completed");
  });

  it("refuses to retry a job that is not in the failed list", async () => {
    const jobId = (await enqueue(database.db, TEST_JOB, { storeId: marker() }))!;
    await expect(retryFailedJob(database.db, jobId)).rejects.toBeInstanceOf(DomainError);
    await expect(retryFailedJob(database.db, "not-a-job")).rejects.toMatchObject({ code: "not_found" });
    await runJobsNow(database, { names: [TEST_JOB] });
  });
});

describe("workers", () => {
  it("pick up a committed job by polling, schedule the recurring jobs that have handlers, and stop", async () => {
    const workers = await startWorkers(database, { pollingIntervalSeconds: 0.5 });
    try {
      const storeId = marker();
      await database.db.transaction((tx) => enqueue(tx, TEST_JOB, { storeId }));
      await expect
        .poll(() => seen.map((s) => s.storeId), { timeout: 10_000, interval: 100 })
        .toEqual([storeId]);

      const schedules = await workers.boss.getSchedules();
      for (const [name, cron] of Object.entries(JOB_SCHEDULES)) {
        const scheduled = schedules.find((s) => s.name === name);
        if (getJobDefinition(name as JobName)) expect(scheduled).toMatchObject({ cron });
        else expect(scheduled).toBeUndefined();
      }
    } finally {
      await workers.stop(5_000);
    }
  });

  it("run a fetched batch side by side, and a failing job is retried alone", async () => {
    const ids = await database.db.transaction(async (tx) => [
      await enqueue(tx, TEST_JOB, { storeId: marker() }),
      await enqueue(tx, TEST_JOB, { storeId: `fail-${marker()}` }),
      await enqueue(tx, TEST_JOB, { storeId: marker() }),
    ]);
    const workers = await startWorkers(database, { batchSize: 10, pollingIntervalSeconds: 0.5 });
    try {
      await expect.poll(() => seen.length, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(3);
    } finally {
      await workers.stop(5_000);
    }
    const [ok1, failing, ok2] = await Promise.all(ids.map((id) => jobRow(id!)));
    // One fetch started them all: pg-boss stamps a batch with one started_on.
    expect(new Set([ok1!.startedOn, failing!.startedOn, ok2!.startedOn]).size).toBe(1);
    expect(ok1).toMatchObject({ state: "completed" });
    expect(ok2).toMatchObject({ state: "completed" });
    expect(failing).toMatchObject({ state: "retry", retryCount: 0 });
    expect(failing!.output?.message).toMatch(/^fail-.* fails$/);
    expect(failing!.delay).toBeGreaterThan(0);
    await runJobsNow(database, { names: [TEST_JOB], ignoreStartAfter: true, maxJobs: 10 });
  });

  it("fetch again at once after a full batch, so a backlog does not wait out the polling interval", async () => {
    const ids = await database.db.transaction(async (tx) => {
      const list = [];
      for (let i = 0; i < 30; i++) list.push(await enqueue(tx, TEST_JOB, { storeId: marker() }));
      return list;
    });
    // Six full batches; with a 10 s interval between fetches they would take 50 s.
    const workers = await startWorkers(database, { batchSize: 5, pollingIntervalSeconds: 10 });
    try {
      await expect.poll(() => seen.length, { timeout: 8_000, interval: 100 }).toBeGreaterThanOrEqual(30);
    } finally {
      await workers.stop(5_000);
    }
    const rows = await Promise.all(ids.map((id) => jobRow(id!)));
    expect(rows.every((r) => r.state === "completed")).toBe(true);
  });

  it("finish a running batch before a graceful stop returns", async () => {
    const id = await database.db.transaction((tx) => enqueue(tx, TEST_JOB, { storeId: `slow-${marker()}` }));
    const workers = await startWorkers(database, { batchSize: 5, pollingIntervalSeconds: 0.5 });
    try {
      await expect.poll(() => seen.length, { timeout: 10_000, interval: 50 }).toBe(1);
      expect((await jobRow(id!)).state).toBe("active");
    } finally {
      await workers.stop(10_000);
    }
    expect((await jobRow(id!)).state).toBe("completed");
  });

  it("refuse settings pg-boss cannot honour", async () => {
    await expect(startWorkers(database, { batchSize: 0 })).rejects.toThrow(
      /batchSize must be a positive integer/,
    );
    await expect(startWorkers(database, { pollingIntervalSeconds: 0.1 })).rejects.toThrow(
      /pollingIntervalSeconds must be at least 0.5/,
    );
  });
});
