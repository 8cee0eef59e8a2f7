// Webhooks never reach this machine or a private network unless the operator allows it: refused
// when the endpoint is saved, and again when the delivery connects (DNS may change in between).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database } from "@/lib/db";
import { webhookEndpoints } from "@/lib/db/schema";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { DomainError } from "@/lib/errors";
import { createWebhookEndpoint } from "@/lib/webhooks/commands";
import { postWebhook } from "@/lib/webhooks/post";
import { isPrivateAddress, PrivateTargetError } from "@/lib/webhooks/targets";
import { createTestDatabase } from "../fixtures/db";

let database: Database;
let server: http.Server;
let port: number;
const owner = { actor: { type: "staff" as const, id: "owner-1" }, storeId: DEMO_STORE_ID };

beforeAll(async () => {
  database = await createTestDatabase();
  server = http.createServer((_req, res) => res.writeHead(204).end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

describe("webhook targets", () => {
  it("knows loopback, private, link-local and mapped addresses from public ones", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "0.0.0.0",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "[::1]",
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPrivateAddress(ip), ip).toBe(false);
    }
  });

  it("refuses to save an endpoint on a loopback or private address, and saves nothing", async () => {
    for (const url of [
      "http://127.0.0.1:9/hooks",
      "http://localhost:9/hooks",
      "https://10.0.0.5/hooks",
      "https://[::1]/hooks",
    ]) {
      const saving = createWebhookEndpoint(database.db, { url, events: ["refund.succeeded"] }, owner, {
        allowPrivateTargets: false,
      });
      await expect(saving, url).rejects.toThrow(DomainError);
      await saving.catch((error: DomainError) =>
        expect(Object.keys(error.fieldErrors ?? {})).toEqual(["url"]),
      );
    }
    expect(await database.db.select().from(webhookEndpoints)).toEqual([]);
  });

  it("saves one when the operator allows private targets", async () => {
    await createWebhookEndpoint(
      database.db,
      { url: `http://127.0.0.1:${port}/hooks`, events: ["refund.succeeded"] },
      owner,
      { allowPrivateTargets: true },
    );
    expect(await database.db.select().from(webhookEndpoints)).toHaveLength(1);
  });

  it("refuses at delivery the address a name resolves to when it is private (as after DNS rebinding)", async () => {
    const send = (url: string, allowPrivate: boolean) =>
      postWebhook(url, { "content-type": "application/json" }, "{}", { timeoutMs: 5_000, allowPrivate });
    await expect(send(`http://localhost:${port}/hooks`, false)).rejects.toThrow(PrivateTargetError);
    await expect(send(`http://127.0.0.1:${port}/hooks`, false)).rejects.toThrow(PrivateTargetError);
    expect(await send(`http://127.0.0.1:${port}/hooks`, true)).toBe(204);
    expect(await send(`http://localhost:${port}/hooks`, true)).toBe(204);
  });
});
