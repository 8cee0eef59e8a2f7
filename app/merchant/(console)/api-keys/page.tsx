import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader, Panel } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyRow, TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { listApiKeys } from "@/lib/api-keys/queries";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { CreateKeyForm } from "./create-key-form";
import { RevokeKeyButton } from "./revoke-key-button";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

const when = (d: Date | null) =>
  d ? d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : "—";

export default async function ApiKeysPage() {
  await requireStaff("owner");
  const keys = await listApiKeys(await getDb());
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let the store&apos;s own systems import orders and act on requests through the HTTP API. See
            the{" "}
            <Link href="/api-docs" className="font-medium text-brand-700 underline">
              API reference
            </Link>
            .
          </>
        }
      />
      <div className="grid gap-5 xl:grid-cols-[1fr_22rem]">
        <Table label="API keys">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Scopes</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {keys.length === 0 && <EmptyRow colSpan={6}>No API keys yet.</EmptyRow>}
            {keys.map((k) => (
              <Tr key={k.id}>
                <Td className="font-medium">{k.name}</Td>
                <Td>
                  <code className="text-xs">{k.prefix}…</code>
                </Td>
                <Td>
                  <div className="flex gap-1">
                    {k.scopes.map((s) => (
                      <Badge key={s} tone={s === "write" ? "amber" : "blue"}>
                        {s}
                      </Badge>
                    ))}
                  </div>
                </Td>
                <Td className="whitespace-nowrap">{when(k.createdAt)}</Td>
                <Td className="whitespace-nowrap">{when(k.lastUsedAt)}</Td>
                <Td align="right">
                  {k.revokedAt ? (
                    <Badge tone="red" title={`Revoked ${when(k.revokedAt)}`}>
                      Revoked
                    </Badge>
                  ) : (
                    <RevokeKeyButton apiKeyId={k.id} name={k.name} />
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <Panel title="Create a key" id="create-key">
          <CreateKeyForm />
        </Panel>
      </div>
    </>
  );
}
