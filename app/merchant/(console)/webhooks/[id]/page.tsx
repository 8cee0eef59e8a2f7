import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Facts, PageHeader, Panel } from "@/components/console/page-header";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyRow, TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getWebhookEndpoint, listWebhookDeliveries } from "@/lib/webhooks/queries";
import { EndpointControls, RedeliverButton } from "./endpoint-controls";

export const metadata: Metadata = { title: "Webhook endpoint" };
export const dynamic = "force-dynamic";

const TONE: Record<string, Tone> = { sent: "green", pending: "amber", failed: "red" };
const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—");

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  await requireStaff("owner");
  const { id } = await params;
  const { before } = await searchParams;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const db = await getDb();
  const endpoint = await getWebhookEndpoint(db, id);
  if (!endpoint) notFound();
  const log = await listWebhookDeliveries(db, id, {
    before: before && /^\d+$/.test(before) ? Number(before) : undefined,
  });
  return (
    <>
      <PageHeader
        title={<span className="break-all">{endpoint.url}</span>}
        back={{ href: "/merchant/webhooks", label: "Webhooks" }}
        actions={<EndpointControls endpointId={endpoint.id} enabled={endpoint.enabled} />}
      />
      <Panel title="Endpoint" className="mb-5">
        <Facts
          items={[
            [
              "Status",
              endpoint.enabled ? (
                <Badge tone="green">Active</Badge>
              ) : endpoint.disabledReason === "failing" ? (
                <Badge tone="red">Disabled: kept failing (resume sends what it missed)</Badge>
              ) : (
                <Badge tone="amber">Paused</Badge>
              ),
            ],
            ...(endpoint.failingSince
              ? [
                  [
                    "Failing",
                    `${endpoint.consecutiveFailures} attempts in a row since ${when(endpoint.failingSince)}`,
                  ] as [string, string],
                ]
              : []),
            ["Events", endpoint.events.join(", ")],
            ["Added", when(endpoint.createdAt)],
          ]}
        />
      </Panel>
      <h2 className="mb-2 text-sm font-semibold text-stone-900">Delivery log</h2>
      <Table label="Delivery log">
        <THead>
          <tr>
            <Th>Message</Th>
            <Th>Event</Th>
            <Th>Status</Th>
            <Th align="right">Attempts</Th>
            <Th>Last answer</Th>
            <Th>Queued</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {log.rows.length === 0 && <EmptyRow colSpan={7}>Nothing sent yet.</EmptyRow>}
          {log.rows.map((d) => (
            <Tr key={d.id} highlight={d.status === "failed" ? "red" : undefined}>
              <Td>
                <details>
                  <summary className="cursor-pointer font-mono text-xs">evt_{d.eventId}</summary>
                  <pre className="mt-2 max-w-xl overflow-x-auto rounded bg-stone-50 p-2 text-xs">
                    {JSON.stringify(d.payload, null, 2)}
                  </pre>
                </details>
              </Td>
              <Td>{d.eventType}</Td>
              <Td>
                <Badge tone={TONE[d.status] ?? "neutral"}>{d.status}</Badge>
              </Td>
              <Td align="right">{d.attempts}</Td>
              <Td className="text-xs">
                {d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : ""}
                {d.lastError && <span className="block text-red-700">{d.lastError}</span>}
                {d.deliveredAt && (
                  <span className="block text-stone-600">Delivered {when(d.deliveredAt)}</span>
                )}
              </Td>
              <Td className="text-xs whitespace-nowrap">{when(d.createdAt)}</Td>
              <Td align="right">
                <RedeliverButton deliveryId={d.id} />
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {log.nextBefore && (
        <p className="mt-3 text-sm">
          <Link
            href={`/merchant/webhooks/${endpoint.id}?before=${log.nextBefore}`}
            className="text-brand-700 underline"
          >
            Older deliveries →
          </Link>
        </p>
      )}
    </>
  );
}
