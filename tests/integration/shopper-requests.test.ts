// The shopper's one path from a posted form to a request, on a real database with the real
// commands: what the order-access grant allows, idempotency under concurrency, previews that
// equal the stored amount, photos checked by content.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aftercare-shopper-"));
process.env.DATA_DIR = dataDir;

import type { GrantedOrder } from "@/lib/access/session";
import {
  previewShopperRequest,
  submitShopperRequest,
  type Translate,
  withdrawShopperRequest,
} from "@/lib/access/shopper-requests";
import type { Database } from "@/lib/db/client";
import { events, requestItems, requestPhotos } from "@/lib/db/schema";
import { createDemoDatabase, TEST_NOW } from "../fixtures/db";
import { submitRequest } from "@/lib/requests/commands";
import { orderByNumber, refundsOf, requestsOf } from "../fixtures/engine";

let database: Database;
let db: Database["db"];
beforeEach(async () => {
  database = await createDemoDatabase();
  db = database.db;
});
afterEach(async () => {
  await database.close();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const t: Translate = (key, values) => (values ? `${key}:${JSON.stringify(values)}` : key);
const now = { now: TEST_NOW };
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

async function grant(
  number: string,
): Promise<GrantedOrder & { lines: Awaited<ReturnType<typeof orderByNumber>>["lines"] }> {
  const order = await orderByNumber(db, number);
  return {
    id: order.id,
    number: order.number,
    storeId: order.storeId,
    email: order.email,
    lines: order.lines,
  };
}

function form(fields: Record<string, string | number>, files: File[] = []): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, String(v));
  for (const f of files) data.append("photos", f);
  return data;
}

const token = () => `form-${crypto.randomUUID()}`;

describe("a cancellation form", () => {
  it("submitted twice at the same time (double click, replay) creates one request", async () => {
    const order = await grant("1001");
    const fields = { orderId: order.id, idempotencyKey: token(), scope: "all", reasonCode: "changed_mind" };
    const [a, b] = await Promise.all([
      submitShopperRequest(db, order, "cancellation", form(fields), t, now),
      submitShopperRequest(db, order, "cancellation", form(fields), t, now),
    ]);
    if (!a.ok || !b.ok) throw new Error(`expected both to succeed: ${JSON.stringify([a, b])}`);
    expect(a.data.requestId).toBe(b.data.requestId);
    expect([a.data.created, b.data.created].sort()).toEqual([false, true]);
    expect(await requestsOf(db, order.id)).toHaveLength(1);
  });

  it("refunds exactly the amount its preview showed, shipping included for the whole order", async () => {
    const order = await grant("1001");
    const preview = await previewShopperRequest(
      db,
      order,
      "cancellation",
      { scope: "all", quantities: {} },
      t,
      now,
    );
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.data.shipping).toBeGreaterThan(0);
    const result = await submitShopperRequest(
      db,
      order,
      "cancellation",
      form({ orderId: order.id, idempotencyKey: token(), scope: "all", reasonCode: "ordered_by_mistake" }),
      t,
      now,
    );
    expect(result).toMatchObject({ ok: true, data: { status: "refunding" } });
    const [refund] = await refundsOf(db, order.id);
    expect(refund!.amount).toBe(preview.data.total);
    expect(refund!.shippingAmount).toBe(preview.data.shipping);
  });

  it("with a token already used on another order is refused as a conflict and changes nothing", async () => {
    const first = await grant("1001");
    const second = await grant("1009");
    const used = token();
    const fields = { idempotencyKey: used, scope: "all", reasonCode: "changed_mind" };
    const a = await submitShopperRequest(
      db,
      first,
      "cancellation",
      form({ ...fields, orderId: first.id }),
      t,
      now,
    );
    expect(a).toMatchObject({ ok: true, data: { created: true } });
    const timeline = () => db.select().from(events).where(eq(events.orderId, second.id));
    const before = await timeline();
    const b = await submitShopperRequest(
      db,
      second,
      "cancellation",
      form({ ...fields, orderId: second.id }),
      t,
      now,
    );
    expect(b).toMatchObject({ ok: false, code: "conflict" });
    // The command says why (the shopper sees the translated conflict message).
    const lines = (await orderByNumber(db, "1009")).lines.map((l) => ({
      lineItemId: l.id,
      quantity: l.quantity,
    }));
    await expect(
      submitRequest(
        db,
        {
          orderId: second.id,
          type: "cancellation",
          lines,
          reasonCode: "changed_mind",
          idempotencyKey: used,
          photos: [],
        },
        { type: "shopper" },
        now,
      ),
    ).rejects.toThrow("This form was already used for another order.");
    expect(await requestsOf(db, second.id)).toHaveLength(0);
    expect(await timeline()).toEqual(before);
  });

  it("from a second tab (another token) is refused while the first is open", async () => {
    const order = await grant("1001");
    const fields = { orderId: order.id, scope: "all", reasonCode: "changed_mind" };
    const first = await submitShopperRequest(
      db,
      order,
      "cancellation",
      form({ ...fields, idempotencyKey: token() }),
      t,
      now,
    );
    const second = await submitShopperRequest(
      db,
      order,
      "cancellation",
      form({ ...fields, idempotencyKey: token() }),
      t,
      now,
    );
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false });
    expect(await requestsOf(db, order.id)).toHaveLength(1);
  });

  it("for the whole order asks for every unshipped unit; for some items only the chosen ones", async () => {
    const partly = await grant("1011"); // sweater delivered, beanie not shipped
    const whole = await submitShopperRequest(
      db,
      partly,
      "cancellation",
      form({ orderId: partly.id, idempotencyKey: token(), scope: "all", reasonCode: "delivery_too_slow" }),
      t,
      now,
    );
    if (!whole.ok) throw new Error(whole.message);
    const beanie = partly.lines.find((l) => l.sku === "NS-BEANIE")!;
    expect(
      await db.select().from(requestItems).where(eq(requestItems.requestId, whole.data.requestId)),
    ).toEqual([expect.objectContaining({ lineItemId: beanie.id, quantity: 1 })]);

    const order = await grant("1001");
    const beanies = order.lines.find((l) => l.sku === "NS-BEANIE")!;
    const sweater = order.lines.find((l) => l.sku === "NS-SWEATER-M")!;
    const some = await submitShopperRequest(
      db,
      order,
      "cancellation",
      form({
        orderId: order.id,
        idempotencyKey: token(),
        scope: "some",
        [`qty:${beanies.id}`]: 1,
        [`qty:${sweater.id}`]: 0,
        reasonCode: "other",
        comment: " too many hats ",
      }),
      t,
      now,
    );
    if (!some.ok) throw new Error(some.message);
    const [request] = await requestsOf(db, order.id);
    expect(request!.comment).toBe("too many hats");
    expect(
      await db.select().from(requestItems).where(eq(requestItems.requestId, some.data.requestId)),
    ).toEqual([expect.objectContaining({ lineItemId: beanies.id, quantity: 1 })]);
  });

  it("carrying another order's id is refused and changes nothing, whatever the grant", async () => {
    const mine = await grant("1001");
    const other = await grant("1009");
    const result = await submitShopperRequest(
      db,
      mine,
      "cancellation",
      form({ orderId: other.id, idempotencyKey: token(), scope: "all", reasonCode: "changed_mind" }),
      t,
      now,
    );
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await requestsOf(db, mine.id)).toHaveLength(0);
    expect(await requestsOf(db, other.id)).toHaveLength(0);
  });

  it("naming a line of another order gets a field error and creates nothing", async () => {
    const mine = await grant("1001");
    const foreign = (await grant("1009")).lines[0]!;
    const result = await submitShopperRequest(
      db,
      mine,
      "cancellation",
      form({
        orderId: mine.id,
        idempotencyKey: token(),
        scope: "some",
        [`qty:${foreign.id}`]: 1,
        reasonCode: "changed_mind",
      }),
      t,
      now,
    );
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { [`line.${foreign.id}`]: ["lineNotAllowed"] },
    });
    expect(await requestsOf(db, mine.id)).toHaveLength(0);
  });

  it("without a reason or any item gets an error next to each field and creates nothing", async () => {
    const order = await grant("1001");
    const result = await submitShopperRequest(
      db,
      order,
      "cancellation",
      form({
        orderId: order.id,
        idempotencyKey: token(),
        scope: "some",
        reasonCode: "because",
        [`qty:${order.lines[0]!.id}`]: 0,
      }),
      t,
      now,
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { reasonCode: ["chooseReason"], lines: ["chooseItems"] },
    });
    expect(await requestsOf(db, order.id)).toHaveLength(0);
  });

  it("is refused for #1006, which has shipped", async () => {
    const order = await grant("1006");
    const result = await submitShopperRequest(
      db,
      order,
      "cancellation",
      form({ orderId: order.id, idempotencyKey: token(), scope: "all", reasonCode: "changed_mind" }),
      t,
      now,
    );
    expect(result).toMatchObject({ ok: false, code: "not_eligible", message: "cannotCancel" });
  });
});

describe("a return form", () => {
  it("for two of #1002's three lines stores the amount its preview showed", async () => {
    const order = await grant("1002");
    const [jacket, baseLayer] = order.lines;
    const quantities = { [jacket!.id]: 1, [baseLayer!.id]: 2 };
    const preview = await previewShopperRequest(db, order, "return", { scope: "some", quantities }, t, now);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.data.lines.reduce((n, l) => n + l.amount, preview.data.shipping)).toBe(preview.data.total);

    const result = await submitShopperRequest(
      db,
      order,
      "return",
      form({
        orderId: order.id,
        idempotencyKey: token(),
        [`qty:${jacket!.id}`]: 1,
        [`qty:${baseLayer!.id}`]: 2,
        [`qty:${order.lines[2]!.id}`]: 0,
        reasonCode: "doesnt_fit",
      }),
      t,
      now,
    );
    if (!result.ok) throw new Error(result.message);
    const [request] = await requestsOf(db, order.id);
    expect(request!.previewAmount).toBe(preview.data.total);
    expect(request!.type).toBe("return");
  });

  it("cannot choose #1004's final-sale line, but can return the other", async () => {
    const order = await grant("1004");
    const mittens = order.lines.find((l) => l.finalSale)!;
    const bottle = order.lines.find((l) => !l.finalSale)!;
    const refused = await submitShopperRequest(
      db,
      order,
      "return",
      form({
        orderId: order.id,
        idempotencyKey: token(),
        [`qty:${mittens.id}`]: 1,
        reasonCode: "no_longer_needed",
      }),
      t,
      now,
    );
    expect(refused).toMatchObject({ ok: false, fieldErrors: { [`line.${mittens.id}`]: ["lineNotAllowed"] } });
    const accepted = await submitShopperRequest(
      db,
      order,
      "return",
      form({
        orderId: order.id,
        idempotencyKey: token(),
        [`qty:${bottle.id}`]: 1,
        reasonCode: "no_longer_needed",
      }),
      t,
      now,
    );
    expect(accepted.ok).toBe(true);
  });

  it("is refused for #1003, whose return window has closed", async () => {
    const order = await grant("1003");
    const result = await submitShopperRequest(
      db,
      order,
      "return",
      form({
        orderId: order.id,
        idempotencyKey: token(),
        [`qty:${order.lines[0]!.id}`]: 1,
        reasonCode: "doesnt_fit",
      }),
      t,
      now,
    );
    expect(result).toMatchObject({ ok: false, code: "not_eligible", message: "cannotReturn" });
  });

  it("for a damaged item needs a photo, refuses a disguised file and stores a real image", async () => {
    const order = await grant("1002");
    const jacket = order.lines[0]!;
    const fields = { orderId: order.id, [`qty:${jacket.id}`]: 1, reasonCode: "damaged" };
    const without = await submitShopperRequest(
      db,
      order,
      "return",
      form({ ...fields, idempotencyKey: token() }),
      t,
      now,
    );
    expect(without).toMatchObject({ ok: false, fieldErrors: { photos: ["photoRequired"] } });

    const disguised = new File([new TextEncoder().encode("<html><script>alert(1)</script>")], "torn.jpg", {
      type: "image/jpeg",
    });
    const fake = await submitShopperRequest(
      db,
      order,
      "return",
      form({ ...fields, idempotencyKey: token() }, [disguised]),
      t,
      now,
    );
    expect(fake).toMatchObject({ ok: false, fieldErrors: { photos: ["photo.wrong_type"] } });
    expect(await requestsOf(db, order.id)).toHaveLength(0);

    const real = await submitShopperRequest(
      db,
      order,
      "return",
      form({ ...fields, idempotencyKey: token() }, [new File([PNG], "torn.png", { type: "image/png" })]),
      t,
      now,
    );
    if (!real.ok) throw new Error(real.message);
    const [photo] = await db
      .select()
      .from(requestPhotos)
      .where(eq(requestPhotos.requestId, real.data.requestId));
    expect(photo).toMatchObject({ mimeType: "image/png", size: PNG.byteLength });
    expect(fs.readFileSync(path.join(dataDir, "uploads", photo!.path))).toEqual(Buffer.from(PNG));
  });
});

describe("withdrawing", () => {
  it("takes back #1012's pending return, and no other order's session can touch it", async () => {
    const owner = await grant("1012");
    const [pending] = await requestsOf(db, owner.id);
    const stranger = await grant("1011");
    const refused = await withdrawShopperRequest(
      db,
      stranger,
      form({ orderId: stranger.id, requestId: pending!.id }),
      t,
    );
    expect(refused).toMatchObject({ ok: false, code: "not_found" });
    const forged = await withdrawShopperRequest(
      db,
      stranger,
      form({ orderId: owner.id, requestId: pending!.id }),
      t,
    );
    expect(forged).toMatchObject({ ok: false, code: "forbidden" });
    expect((await requestsOf(db, owner.id))[0]!.status).toBe("pending_review");

    expect(
      await withdrawShopperRequest(db, owner, form({ orderId: owner.id, requestId: pending!.id }), t),
    ).toEqual({ ok: true, data: null });
    expect((await requestsOf(db, owner.id))[0]!.status).toBe("withdrawn");
  });
});
