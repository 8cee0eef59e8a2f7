import { apiRoute, ok } from "@/lib/api/handler";
import { loadOrder, orderIdByNumber } from "@/lib/api/resources";
import { orderNumberParamsSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  { scope: "read", params: orderNumberParamsSchema },
  async ({ db, storeId, params }) =>
    ok(await loadOrder(db, await orderIdByNumber(db, storeId, params.number))),
);
