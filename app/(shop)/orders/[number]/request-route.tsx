// The cancel and return routes differ only in the request type: one metadata and one page here.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccessRequired } from "@/components/orders/access-required";
import { RequestPage } from "@/components/requests/request-page";
import { getGrantedOrder, normaliseOrderNumber } from "@/lib/access/session";
import { getDb } from "@/lib/db";
import { loadShopperOrderView } from "@/lib/orders/queries";
import { previewRefund, submitCancellation, submitReturn } from "./actions";

export type RequestRouteProps = { params: Promise<{ number: string }> };
type RequestType = "cancellation" | "return";

const TITLE = { cancellation: "cancelTitle", return: "returnTitle" } as const;
const SUBMIT = { cancellation: submitCancellation, return: submitReturn } as const;

export async function requestRouteMetadata(
  type: RequestType,
  { params }: RequestRouteProps,
): Promise<Metadata> {
  const t = await getTranslations("requestForm");
  const { number } = await params;
  return {
    title: t(TITLE[type], { number: normaliseOrderNumber(number) }),
    robots: { index: false },
  };
}

export async function RequestRoute({ type, params }: RequestRouteProps & { type: RequestType }) {
  const { number } = await params;
  const db = await getDb();
  const grant = await getGrantedOrder(db, number);
  if (!grant) return <AccessRequired number={number} />;
  return (
    <RequestPage
      db={db}
      grant={grant}
      view={await loadShopperOrderView(db, grant)}
      type={type}
      action={SUBMIT[type].bind(null, grant.number)}
      previewAction={previewRefund.bind(null, grant.number)}
    />
  );
}
