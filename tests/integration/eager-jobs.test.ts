// Eager jobs (lib/jobs/eager.ts): a process with them on submits the refund it just created right
// after the commit, with no worker running; the job row stays the one record of the work, so a
// worker that fetched it first keeps it, a rolled-back transaction runs nothing, and a failed
// attempt is the queue's to retry.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db";
import { refunds, sandboxCalls } from "@/lib/db/schema";
import { afterCommit, runTransaction } from "@/lib/db/transaction";
import { createBoss } from "@/lib/jobs/boss";
import {
  disableEagerJobs,
  EAGER_GRACE_SECONDS,
  enableEagerJobs,
  runAfterCommit,
  settleEagerJobs,
} from "@/lib/jobs/eager";
import { enqueue } from "@/lib/jobs/enqueue";
import { createDemoDatabase } from "../fixtures/db";
import {
  cancelWholeOrder,
  orderByNumber,
  refundsOf,
  usePaymentReference,
  wholeOrder,
} from "../fixtures/engine";

let database: Database;
beforeEach(async () => {
  database = await createDemoDatabase();
});
afterEach(async () => {
  await disableEagerJobs(database);
  await database.close();
});

async function submitJobOf(refundId: string) {
  const { rows } = await database.executeSql(
    `select id, state, retry_count from pgboss.job where name = 'refund.submit' and data->>'refundId' = $1`,
    [refundId],
  );
  expect(rows).toHaveLength(1);
  return rows[0] as { id: string; state: string; retry_count: number };
}

async function gatewayCalls(refundId: string) {
  const [refund] = await database.db.select().from(refunds).where(eq(refunds.id, refundId));
  const [calls] = await database.db
    .select({ calls: sandboxCalls.calls })
    .from(sandboxCalls)
    .where(eq(sandboxCalls.idempotencyKey, refund!.idempotencyKey));
  return calls?.calls ?? 0;
}

async function cancel(number: string) {
  const order = await orderByNumber(database.db, number);
  await cancelWholeOrder(database.db, order);
  const [refund] = await refundsOf(database.db, order.id);
  return { order, refund: refund! };
}

describe("eager refund submission", () => {
  it("submits an automatic cancellation's refund right after its commit, with no worker running", async () => {
    await enableEagerJobs(database);
    const { refund } = await cancel("1001");
    await settleEagerJobs(database);

    const [after] = await refundsOf(database.db, refund.orderId);
    expect(after).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(after!.submittedAt).toBeInstanceOf(Date);
    expect(await gatewayCalls(refund.id)).toBe(1);
    expect((await submitJobOf(refund.id)).state).toBe("completed");
  });

  it("runs the job with the handlers of the module copy that turned eager jobs on", async () => {
    // Next.js bundles instrumentation (which turns them on) apart from the routes (which commit the
    // refunds), each with its own copy of the modules and of the job registry: a route's copy has
    // no handlers registered. Here a second copy of every module plays the route.
    await enableEagerJobs(database);
    vi.resetModules();
    const route = await import("@/lib/requests/commands");
    const order = await orderByNumber(database.db, "1001");
    await route.submitRequest(
      database.db,
      {
        orderId: order.id,
        type: "cancellation",
        lines: wholeOrder(order.lines),
        reasonCode: "changed_mind",
        idempotencyKey: "eager-route-copy",
        photos: [],
      },
      { type: "shopper" },
    );
    await settleEagerJobs(database);

    const [refund] = await refundsOf(database.db, order.id);
    expect(refund).toMatchObject({ status: "succeeded", attempts: 1 });
    expect((await submitJobOf(refund!.id)).state).toBe("completed");
  });

  it("leaves the refund to the queue where eager jobs are off", async () => {
    const { refund } = await cancel("1001");
    await settleEagerJobs(database);
    expect(refund.status).toBe("pending");
    expect((await refundsOf(database.db, refund.orderId))[0]!.status).toBe("pending");
    expect((await submitJobOf(refund.id)).state).toBe("created");
  });

  it("keeps its hands off a job a worker fetched first: the gateway is not called twice", async () => {
    const { refund } = await cancel("1001"); // eager off: the job waits for a worker
    const boss = createBoss(database, { supervise: false });
    const [fetched] = await boss.fetch("refund.submit");
    expect(fetched?.id).toBe((await submitJobOf(refund.id)).id);

    await enableEagerJobs(database);
    await runTransaction(database.db, async (tx) => runAfterCommit(tx, "refund.submit", fetched!.id));
    await settleEagerJobs(database);

    expect((await refundsOf(database.db, refund.orderId))[0]!.status).toBe("pending");
    expect(await gatewayCalls(refund.id)).toBe(0);
    expect((await submitJobOf(refund.id)).state).toBe("active");
  });

  it("runs nothing when the transaction that asked for it rolls back", async () => {
    const { refund } = await cancel("1001");
    await enableEagerJobs(database);
    await expect(
      runTransaction(database.db, async (tx) => {
        await enqueue(tx, "refund.submit", { refundId: refund.id }, { eager: true });
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    await settleEagerJobs(database);

    expect((await refundsOf(database.db, refund.orderId))[0]!.status).toBe("pending");
    expect(await gatewayCalls(refund.id)).toBe(0);
    const { rows } = await database.executeSql(
      `select count(*)::int as n from pgboss.job where name = 'refund.submit' and data->>'refundId' = $1`,
      [refund.id],
    );
    expect(rows[0]!.n).toBe(1); // only the cancellation's own job
  });

  it("hands a failed attempt to the queue's retry, keeping the refund pending under its key", async () => {
    const order = await orderByNumber(database.db, "1001");
    await usePaymentReference(database.db, order.id, "pm_flaky_visa"); // calls 1 and 2 throw
    await enableEagerJobs(database);
    await cancelWholeOrder(database.db, order);
    await settleEagerJobs(database);

    const [refund] = await refundsOf(database.db, order.id);
    expect(refund).toMatchObject({ status: "pending", attempts: 1 });
    expect(await gatewayCalls(refund!.id)).toBe(1);
    const job = await submitJobOf(refund!.id);
    expect(job.state).toBe("retry");
  });
});

describe("the grace that keeps an eager job from the workers", () => {
  it("hides the job from a worker's fetch made right after the commit, and runs it here", async () => {
    const { refund } = await cancel("1001"); // eager off: its job is fetchable at once
    const boss = createBoss(database, { supervise: false });
    const [first] = await boss.fetch("refund.submit"); // …and a worker holds it, never running it
    expect(first?.data).toEqual({ refundId: refund.id });

    await enableEagerJobs(database);
    let fetched: Promise<unknown[]> | undefined;
    const id = await runTransaction(database.db, async (tx) => {
      // Registered before the eager task, so this fetch is sent before the eager claim.
      afterCommit(tx, () => void (fetched = boss.fetch("refund.submit")));
      return enqueue(tx, "refund.submit", { refundId: refund.id }, { eager: true });
    });
    expect(await fetched).toEqual([]);
    await settleEagerJobs(database);

    expect((await refundsOf(database.db, refund.orderId))[0]).toMatchObject({ status: "succeeded" });
    expect(await gatewayCalls(refund.id)).toBe(1);
    const { rows } = await database.executeSql(
      `select state, extract(epoch from start_after - created_on) as grace from pgboss.job where id = $1`,
      [id],
    );
    // Had this process died before running it, the workers would have fetched it after the grace.
    expect(rows[0]!.state).toBe("completed");
    expect(Number(rows[0]!.grace)).toBeGreaterThan(EAGER_GRACE_SECONDS - 2);
    expect(Number(rows[0]!.grace)).toBeLessThanOrEqual(EAGER_GRACE_SECONDS + 1);
  });

  it("over the in-flight limit, hands the job to the workers at once", async () => {
    await enableEagerJobs(database, { limit: 0 });
    const boss = createBoss(database, { supervise: false });
    const { refund } = await cancel("1001");
    await vi.waitFor(async () => {
      const [job] = await boss.fetch("refund.submit");
      expect(job?.data).toEqual({ refundId: refund.id });
    });
    expect(await gatewayCalls(refund.id)).toBe(0);
  });

  it("is not given where eager jobs are off: the workers fetch the job at once", async () => {
    const { refund } = await cancel("1001");
    const [job] = await createBoss(database, { supervise: false }).fetch("refund.submit");
    expect(job?.data).toEqual({ refundId: refund.id });
  });
});
