import { apiRoute, ok } from "@/lib/api/handler";
import { loadRequest } from "@/lib/api/resources";
import { declineBodySchema, idParamsSchema } from "@/lib/api/schemas";
import { declineRequest } from "@/lib/requests/commands";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  { scope: "write", params: idParamsSchema, body: declineBodySchema },
  async ({ db, storeId, params, body, actor }) => {
    await loadRequest(db, storeId, params.id);
    await declineRequest(db, { requestId: params.id, message: body.message }, actor);
    return ok(await loadRequest(db, storeId, params.id));
  },
);
