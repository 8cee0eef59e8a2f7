// Delivery through a real SMTP server (smtp-server on 127.0.0.1, a random port): the shopper's
// e-mail arrives with its To, Subject and localized body; a server that rejects the mail makes
// the job retry with backoff until the outbox row ends `failed` with the server's error.
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { parseMail } from "../fixtures/smtp-inbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { notifications, orders } from "@/lib/db/schema";
import { runJobsNow } from "@/lib/jobs/drain";
import { listFailedJobs } from "@/lib/jobs/failed";
import { formatMoney } from "@/lib/money";
import { appBaseUrl, queueNotification } from "@/lib/notifications/commands";
import { configureMail } from "@/lib/notifications/mailer";
import { createDemoDatabase } from "../fixtures/db";

process.env.AUTH_SECRET ??= "notifications-test-secret-0123456789abcdef";

type Received = { from: string; to: string[]; raw: string };
let received: Received[] = [];
let rejectRecipients = false;

function startSmtp(): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejectRecipients) return callback();
      const error = new Error(`Mailbox unavailable: ${address.address}`) as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, port: (server.server.address() as { port: number }).port }),
    );
  });
}

let database: Database;
let smtp: { server: SMTPServer; port: number };
let order: typeof orders.$inferSelect;
beforeAll(async () => {
  database = await createDemoDatabase({ generated: 0 });
  [order] = (await database.db.select().from(orders).where(eq(orders.number, "1003"))) as [typeof order]; // bo, nb
  smtp = await startSmtp();
  configureMail({
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    from: "Nordlys Supply <no-reply@nordlys.example>",
  });
});
afterAll(async () => {
  configureMail(undefined);
  await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  await database.close();
});
beforeEach(() => {
  received = [];
  rejectRecipients = false;
});

async function queueRefundSent(locale: string) {
  return database.db.transaction((tx) =>
    queueNotification(tx, {
      orderId: order.id,
      to: order.email,
      locale,
      template: "refund_sent",
      params: { amount: 49_900, expectedFrom: "2026-11-30", expectedTo: "2026-12-07" },
    }),
  );
}

describe("SMTP delivery", () => {
  it("sends the e-mail to the shopper with the localized subject, body and order link", async () => {
    const { notificationId } = await queueRefundSent("nb");
    const result = await runJobsNow(database, { names: ["notification.deliver"] });
    expect(result).toMatchObject({ completed: 1, failed: 0 });

    expect(received).toHaveLength(1);
    const mail = parseMail(received[0]!.raw);
    expect(received[0]!.to).toEqual(["bo@example.com"]);
    expect(received[0]!.from).toBe("no-reply@nordlys.example");
    expect(mail.headers.to).toBe("bo@example.com");
    expect(mail.headers.subject).toBe(`Refusjonen din på ${formatMoney(49_900, "NOK", "nb-NO")} er på vei`);
    expect(mail.headers["message-id"]).toBe(`<${notificationId}@aftercare>`);
    expect(mail.text).toContain(
      `Vi har sendt en refusjon på ${formatMoney(49_900, "NOK", "nb-NO")} for bestilling #1003`,
    );
    // The order's signed link (opens #1003 without a lookup) and the policy.
    expect(mail.text).toMatch(new RegExp(`Se bestillingen din: ${appBaseUrl()}/o/[\\w.-]+\n`));
    expect(mail.text).toContain(`${appBaseUrl()}/policy`);
    expect(mail.html).toContain(`href="${appBaseUrl()}/o/`);

    const [row] = await database.db.select().from(notifications).where(eq(notifications.id, notificationId));
    expect(row).toMatchObject({ status: "sent", transport: "smtp", attempts: 1, lastError: null });
  });

  it("sends Chinese mail intact", async () => {
    await queueRefundSent("zh");
    await runJobsNow(database, { names: ["notification.deliver"] });
    const mail = parseMail(received[0]!.raw);
    expect(mail.headers.subject).toBe(`您的退款 ${formatMoney(49_900, "NOK", "zh-CN")} 已发出`);
    expect(mail.text).toContain("预计将于 2026年11月30日 至 2026年12月7日 之间到账");
  });

  it("retries a rejected e-mail with backoff and marks it failed with the server's error after the last attempt", async () => {
    rejectRecipients = true;
    const { notificationId } = await queueRefundSent("en");

    const first = await runJobsNow(database, { names: ["notification.deliver"] });
    expect(first).toMatchObject({ retry: 1, failed: 0 });
    const [pending] = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, notificationId));
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    expect(pending!.lastError).toMatch(/Mailbox unavailable/);
    // The retry waits (30 s and more): nothing is due right now.
    expect((await runJobsNow(database, { names: ["notification.deliver"] })).runs).toHaveLength(0);

    // Skip the waits: five more attempts, the last of which gives up.
    const rest = await runJobsNow(database, { names: ["notification.deliver"], ignoreStartAfter: true });
    expect(rest).toMatchObject({ retry: 4, failed: 1 });
    const [failed] = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, notificationId));
    expect(failed).toMatchObject({ status: "failed", attempts: 6, sentAt: null });
    expect(failed!.lastError).toMatch(/Mailbox unavailable: bo@example.com/);
    expect(received).toHaveLength(0);

    const jobs = await listFailedJobs(database.db);
    expect(
      jobs.find((j) => (j.data as { notificationId?: string }).notificationId === notificationId),
    ).toMatchObject({
      name: "notification.deliver",
      attempts: 6,
    });
  });
});
