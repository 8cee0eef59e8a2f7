import { apiRoute, created, ok } from "@/lib/api/handler";
import { loadOrder } from "@/lib/api/resources";
import { orderImportBodySchema } from "@/lib/api/schemas";
import { importOrder } from "@/lib/orders/commands";

export const dynamic = "force-dynamic";

/** Import an order, or update it when its externalId was imported before. */
export const POST = apiRoute(
  { scope: "write", body: orderImportBodySchema },
  async ({ db, storeId, body, actor }) => {
    const result = await importOrder(db, storeId, body, actor);
    const order = await loadOrder(db, result.orderId);
    return result.created ? created(order) : ok(order);
  },
);
