import { apiRoute, ok } from "@/lib/api/handler";
import { loadRequest } from "@/lib/api/resources";
import { emptyBodySchema, idParamsSchema } from "@/lib/api/schemas";
import { markItemReceived } from "@/lib/requests/commands";

export const dynamic = "force-dynamic";

/** The returned item arrived: the rules (or the approving agent's decision) refund it. */
export const POST = apiRoute(
  { scope: "write", params: idParamsSchema, body: emptyBodySchema },
  async ({ db, storeId, params, actor }) => {
    await loadRequest(db, storeId, params.id);
    await markItemReceived(db, { requestId: params.id }, actor);
    return ok(await loadRequest(db, storeId, params.id));
  },
);
