import { apiRoute, ok } from "@/lib/api/handler";
import { loadRequest } from "@/lib/api/resources";
import { approveBodySchema, idParamsSchema } from "@/lib/api/schemas";
import { approveRequest } from "@/lib/requests/commands";

export const dynamic = "force-dynamic";

/** Approve as an agent would: never above the store's maximum refund per order. */
export const POST = apiRoute(
  { scope: "write", params: idParamsSchema, body: approveBodySchema },
  async ({ db, storeId, params, body, actor }) => {
    await loadRequest(db, storeId, params.id);
    await approveRequest(db, { requestId: params.id, ...body }, actor, { allowAboveStoreMax: false });
    return ok(await loadRequest(db, storeId, params.id));
  },
);
