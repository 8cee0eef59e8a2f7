import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader, Panel } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyRow, TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";
import { CreateEndpointForm } from "./create-endpoint-form";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  await requireStaff("owner");
  const endpoints = await listWebhookEndpoints(await getDb());
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Aftercare tells the store's other systems what happened: signed per Standard Webhooks, retried with backoff, in order per request, refund or order."
      />
      <div className="grid gap-5 xl:grid-cols-[1fr_24rem]">
        <Table label="Webhook endpoints">
          <THead>
            <tr>
              <Th>Endpoint</Th>
              <Th>Events</Th>
              <Th align="right">Sent</Th>
              <Th align="right">Pending</Th>
              <Th align="right">Failed</Th>
            </tr>
          </THead>
          <TBody>
            {endpoints.length === 0 && <EmptyRow colSpan={5}>No endpoints yet.</EmptyRow>}
            {endpoints.map((e) => (
              <Tr key={e.id} highlight={e.failed > 0 ? "red" : undefined}>
                <Td>
                  <Link
                    href={`/merchant/webhooks/${e.id}`}
                    className="font-medium break-all text-brand-700 underline"
                  >
                    {e.url}
                  </Link>
                  {!e.enabled && (
                    <span className="ml-2">
                      {e.disabledReason === "failing" ? (
                        <Badge tone="red">Disabled: kept failing</Badge>
                      ) : (
                        <Badge tone="amber">Paused</Badge>
                      )}
                    </span>
                  )}
                  {e.enabled && e.consecutiveFailures > 0 && (
                    <span className="ml-2">
                      <Badge tone="red">{e.consecutiveFailures} failures in a row</Badge>
                    </span>
                  )}
                </Td>
                <Td className="text-xs">{e.events.join(", ")}</Td>
                <Td align="right">{e.sent}</Td>
                <Td align="right">{e.pending}</Td>
                <Td align="right">{e.failed}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <Panel title="Add an endpoint" id="add-endpoint">
          <CreateEndpointForm />
        </Panel>
      </div>
    </>
  );
}
