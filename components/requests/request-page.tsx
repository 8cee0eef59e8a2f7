import { randomUUID } from "node:crypto";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { cancelledNote } from "@/components/orders/eligibility-panel";
import { maskPaymentMethod } from "@/components/orders/payment-method";
import { orderPath } from "@/lib/access/order-access";
import type { GrantedOrder } from "@/lib/access/session";
import { getClientMessages } from "@/lib/i18n/client-messages.server";
import { formatDay } from "@/lib/i18n/format";
import {
  previewShopperRequest,
  type RequestFormState,
  type RefundPreview,
} from "@/lib/access/shopper-requests";
import type { Db } from "@/lib/db";
import type { Result } from "@/lib/errors";
import type { ShopperOrderView } from "@/lib/orders/queries";
import { CANCELLATION_REASONS, PHOTO_REASONS, RETURN_REASONS } from "@/lib/requests/schemas";
import { type FormLine, RequestForm } from "./request-form";

type Props = {
  db: Db;
  grant: GrantedOrder;
  view: ShopperOrderView;
  type: "cancellation" | "return";
  action: (prev: RequestFormState, form: FormData) => Promise<RequestFormState>;
  previewAction: (input: {
    type: "cancellation" | "return";
    scope: "all" | "some";
    quantities: Record<string, number>;
  }) => Promise<Result<RefundPreview>>;
};

/** The cancel and return pages: heading, the form with a fresh idempotency token, or why not. */
export async function RequestPage({ db, grant, view, type, action, previewAction }: Props) {
  const t = await getTranslations("requestForm");
  const te = await getTranslations("eligibility");
  const locale = await getLocale();
  const { order, eligibility: e, payment, store } = view;
  const isCancel = type === "cancellation";
  const href = orderPath(order.number);
  const allowed = isCancel ? e.canCancel : e.canReturn;

  const header = (
    <header>
      <p className="text-sm">
        <Link href={href} className="text-brand-700 underline underline-offset-2">
          {t("backToOrder", { number: order.number })}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">
        {t(isCancel ? "cancelTitle" : "returnTitle", { number: order.number })}
      </h1>
    </header>
  );
  if (!allowed) {
    const why = isCancel
      ? e.cancelBlockedBy === "shipped"
        ? te(order.fulfillmentStatus === "delivered" ? "cancelBlocked.delivered" : "shippedReturnLater")
        : e.cancelBlockedBy === "cancelled"
          ? cancelledNote(view, locale, te)
          : te(`cancelBlocked.${e.cancelBlockedBy ?? "shipped"}`)
      : te(`returnBlocked.${e.returnBlockedBy ?? "nothing_left"}`);
    return (
      <div className="space-y-6">
        {header}
        <p role="alert" className="rounded-2xl border border-amber-200 bg-amber-50 p-5 text-amber-950">
          {why}
        </p>
      </div>
    );
  }

  const limits = new Map((isCancel ? e.cancellableLines : e.returnableLines).map((l) => [l.lineItemId, l]));
  const lines: FormLine[] = view.lines
    .filter((l) => (isCancel ? limits.has(l.id) : true))
    .map((l) => {
      const limit = limits.get(l.id);
      const blockedBy = limit && "blockedBy" in limit ? (limit.blockedBy as string | undefined) : undefined;
      return {
        id: l.id,
        title: l.title,
        variantTitle: l.variantTitle,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        max: limit?.maxQuantity ?? 0,
        ...(blockedBy ? { blockedBy } : limit?.maxQuantity ? {} : { blockedBy: "already_returned" }),
      };
    });
  const errors = await getTranslations("requestForm.errors");
  const initial = isCancel
    ? await previewShopperRequest(db, grant, type, { scope: "all", quantities: {} }, errors)
    : null;
  const paymentLabel = payment
    ? maskPaymentMethod(payment.method, {
        card: t("method.card"),
        wallet: t("method.wallet"),
        bank_transfer: t("method.bank_transfer"),
      })
    : null;
  const arrivalDays = store.arrivalWindows[payment?.method.type ?? "card"] ?? [5, 10];

  return (
    <div className="space-y-6">
      {header}
      <p className="text-stone-700">
        {isCancel
          ? te("canCancel")
          : te("returnsOpenUntil", {
              date: e.returnWindowEndsAt
                ? formatDay(e.returnWindowEndsAt, locale, store.timeZone, false)
                : "",
            })}
      </p>
      <RequestForm
        type={type}
        orderId={order.id}
        orderHref={href}
        idempotencyKey={randomUUID()}
        currency={order.currency}
        locale={locale}
        lines={lines}
        reasons={isCancel ? CANCELLATION_REASONS : RETURN_REASONS}
        photoReasons={isCancel ? [] : PHOTO_REASONS}
        initialPreview={initial?.ok ? initial.data : null}
        paymentLabel={paymentLabel}
        arrivalDays={arrivalDays}
        action={action}
        previewAction={previewAction}
        messages={await getClientMessages("requestForm")}
      />
    </div>
  );
}
