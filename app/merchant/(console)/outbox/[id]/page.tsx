import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Facts, PageHeader, Panel } from "@/components/console/page-header";
import { requireStaff } from "@/lib/auth/session";
import { dateTime, humanize } from "@/lib/console/format";
import { redactSignInLinks, shopperSignInLink } from "@/lib/console/outbox";
import { env } from "@/lib/env";
import { getDb } from "@/lib/db";
import { getNotification } from "@/lib/notifications/queries";
import { getStoreOrThrow } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "E-mail" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff("viewer");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  const [message, store] = await Promise.all([getNotification(db, id), getStoreOrThrow(db)]);
  if (!message) notFound();
  // Only the demo shows a shopper's sign-in link; production hides every one (lib/console/outbox.ts).
  const demo = { showShopperLinks: env().AFTERCARE_DEMO };
  const text = redactSignInLinks(message.text, demo);
  const html = message.html ? redactSignInLinks(message.html, demo) : null;
  const demoLink = demo.showShopperLinks ? shopperSignInLink(message.text) : null;
  return (
    <>
      <PageHeader back={{ href: "/merchant/outbox", label: "Mail outbox" }} title={message.subject} />
      <div className="grid gap-5 lg:grid-cols-3">
        <Panel title="Envelope" id="envelope">
          <Facts
            items={[
              ["To", message.to],
              ["Language", message.locale],
              [
                "Template",
                <code key="t" className="text-xs">
                  {message.template}
                </code>,
              ],
              ["Status", humanize(message.status)],
              ["Created", dateTime(message.createdAt, store.timeZone)],
              ["Sent", dateTime(message.sentAt, store.timeZone)],
              ["Attempts", String(message.attempts)],
            ]}
          />
        </Panel>
        <div className="space-y-5 lg:col-span-2">
          {demoLink && (
            <Panel title="Demo: the shopper's sign-in link" id="demo-link">
              <p className="text-sm">
                Shown because this is the demo (AFTERCARE_DEMO); a real store never shows sign-in links here.
                Opening it signs the browser in as the shopper and ends your staff session, so use a private
                window.
              </p>
              <p className="mt-2 text-sm break-all">
                <a href={demoLink} className="text-brand-700 underline underline-offset-2">
                  Open {message.to}&apos;s sign-in link
                </a>
              </p>
            </Panel>
          )}
          {html && (
            <Panel title="As the shopper sees it" id="html">
              {/* Rendered in a sandbox: no scripts, no same-origin access. */}
              <iframe
                title="E-mail preview"
                srcDoc={html}
                sandbox=""
                className="h-[28rem] w-full rounded border border-stone-200 bg-white"
              />
            </Panel>
          )}
          <Panel title="Plain text" id="text">
            <pre className="text-sm whitespace-pre-wrap">{text}</pre>
          </Panel>
        </div>
      </div>
    </>
  );
}
