import { apiRoute, ok } from "@/lib/api/handler";
import { loadRequest } from "@/lib/api/resources";
import { idParamsSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: idParamsSchema }, async ({ db, storeId, params }) =>
  ok(await loadRequest(db, storeId, params.id)),
);
