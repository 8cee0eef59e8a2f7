import { apiRoute, ok } from "@/lib/api/handler";
import { loadFulfillment } from "@/lib/api/resources";
import { deliveredBodySchema, idParamsSchema } from "@/lib/api/schemas";
import { markDelivered } from "@/lib/orders/commands";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "write", params: idParamsSchema, body: deliveredBodySchema },
  async ({ db, storeId, params, body, actor }) => {
    await loadFulfillment(db, storeId, params.id);
    await markDelivered(
      db,
      { fulfillmentId: params.id, deliveredAt: body.deliveredAt ? new Date(body.deliveredAt) : undefined },
      actor,
    );
    return ok(await loadFulfillment(db, storeId, params.id));
  },
);
