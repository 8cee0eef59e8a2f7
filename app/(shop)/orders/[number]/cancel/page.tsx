import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccessRequired } from "@/components/orders/access-required";
import { RequestPage } from "@/components/requests/request-page";
import { getGrantedOrder } from "@/lib/access/session";
import { getDb } from "@/lib/db";
import { getShopperOrderView } from "@/lib/orders/queries";
import { previewRefund, submitCancellation } from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("requestForm");
  const { number } = await params;
  return {
    title: t("cancelTitle", { number: decodeURIComponent(number).replace(/^#/, "") }),
    robots: { index: false },
  };
}

export default async function CancelPage({ params }: Props) {
  const { number } = await params;
  const db = await getDb();
  const grant = await getGrantedOrder(db, number);
  const view = grant ? await getShopperOrderView(db, grant.id) : null;
  if (!grant || !view) return <AccessRequired number={number} />;
  return (
    <RequestPage
      db={db}
      grant={grant}
      view={view}
      type="cancellation"
      action={submitCancellation.bind(null, grant.number)}
      previewAction={previewRefund.bind(null, grant.number)}
    />
  );
}
