import { apiRoute, created } from "@/lib/api/handler";
import { loadFulfillment, loadOrder, orderIdByNumber } from "@/lib/api/resources";
import { fulfillmentBodySchema, orderNumberParamsSchema } from "@/lib/api/schemas";
import { DomainError } from "@/lib/errors";
import { recordFulfillment } from "@/lib/orders/commands";

export const dynamic = "force-dynamic";

/** Record a shipment; without lines, everything not yet fulfilled ships. */
export const POST = apiRoute(
  { scope: "write", params: orderNumberParamsSchema, body: fulfillmentBodySchema },
  async ({ db, storeId, params, body, actor }) => {
    const orderId = await orderIdByNumber(db, storeId, params.number);
    const order = await loadOrder(db, orderId);
    const lines = body.lines
      ? body.lines.map((l, i) => {
          const line = order.lines.find((o) => (l.lineItemId ? o.id === l.lineItemId : o.sku === l.sku));
          if (!line)
            throw new DomainError("invalid_input", "That item is not on this order.", {
              [`lines.${i}`]: ["Not on this order"],
            });
          return { lineItemId: line.id, quantity: l.quantity };
        })
      : order.lines
          .map((l) => ({
            lineItemId: l.id,
            quantity: l.quantity - l.quantityCancelled - l.quantityFulfilled,
          }))
          .filter((l) => l.quantity > 0);
    const { fulfillmentId } = await recordFulfillment(
      db,
      {
        orderId,
        lines,
        carrier: body.carrier,
        trackingNumber: body.trackingNumber,
        trackingUrl: body.trackingUrl,
        shippedAt: body.shippedAt ? new Date(body.shippedAt) : undefined,
      },
      actor,
    );
    return created(await loadFulfillment(db, storeId, fulfillmentId));
  },
);
