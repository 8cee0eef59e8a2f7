import { apiRoute, ok } from "@/lib/api/handler";
import { listRequests, orderIdByNumber } from "@/lib/api/resources";
import { listRequestsQuerySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  { scope: "read", query: listRequestsQuerySchema },
  async ({ db, storeId, query }) => {
    const orderId = query.order ? await orderIdByNumber(db, storeId, query.order) : undefined;
    return ok(await listRequests(db, storeId, { ...query, orderId }));
  },
);
