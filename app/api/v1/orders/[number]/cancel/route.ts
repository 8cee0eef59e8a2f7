import { apiRoute, ok } from "@/lib/api/handler";
import { loadOrder, orderIdByNumber } from "@/lib/api/resources";
import { cancelOrderBodySchema, orderNumberParamsSchema } from "@/lib/api/schemas";
import { cancelOrder } from "@/lib/orders/commands";

export const dynamic = "force-dynamic";

/** Merchant cancel, with the console's options; an API key stays within the store's refund maximum. */
export const POST = apiRoute(
  { scope: "write", params: orderNumberParamsSchema, body: cancelOrderBodySchema },
  async ({ db, storeId, params, body, actor }) => {
    const orderId = await orderIdByNumber(db, storeId, params.number);
    await cancelOrder(db, { orderId, ...body }, actor, { enforceStoreMax: true });
    return ok(await loadOrder(db, orderId));
  },
);
