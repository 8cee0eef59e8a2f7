import { apiRoute, ok } from "@/lib/api/handler";
import { listRefunds, orderIdByNumber } from "@/lib/api/resources";
import { listRefundsQuerySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  { scope: "read", query: listRefundsQuerySchema },
  async ({ db, storeId, query }) => {
    const orderId = query.order ? await orderIdByNumber(db, storeId, query.order) : undefined;
    return ok(await listRefunds(db, storeId, { ...query, orderId }));
  },
);
