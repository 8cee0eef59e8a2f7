import { apiRoute, ok } from "@/lib/api/handler";
import { loadRefund } from "@/lib/api/resources";
import { idParamsSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scope: "read", params: idParamsSchema }, async ({ db, storeId, params }) =>
  ok(await loadRefund(db, storeId, params.id)),
);
