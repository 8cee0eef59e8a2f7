import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { orderPath } from "@/lib/access/order-access";
import { formatDay } from "@/lib/i18n/format";
import { cancelledBecause } from "@/lib/orders/cancelled-because";
import type { ShopperOrderView } from "@/lib/orders/queries";

type Note = { key: string; text: string; tone: "ok" | "info" | "warn" };

/** What the shopper can do with this order now, in plain words, and the buttons to do it. */
export async function EligibilityPanel({ view, locale }: { view: ShopperOrderView; locale: string }) {
  const t = await getTranslations("eligibility");
  const { eligibility: e, order, store, lines } = view;
  const notes: Note[] = [];
  if (e.underReview) notes.push({ key: "review", text: t("underReview"), tone: "warn" });

  if (e.canCancel) {
    const partly = lines.some((l) => l.quantityFulfilled > 0);
    notes.push({ key: "cancel", text: partly ? t("canCancelRest") : t("canCancel"), tone: "ok" });
  } else if (e.cancelBlockedBy === "shipped" && order.fulfillmentStatus !== "delivered") {
    notes.push({ key: "cancel", text: t("shippedReturnLater"), tone: "info" });
  } else if (e.cancelBlockedBy === "cancelled") {
    notes.push({ key: "cancel", text: cancelledNote(view, locale, t), tone: "info" });
  } else if (e.cancelBlockedBy && e.cancelBlockedBy !== "shipped") {
    notes.push({ key: "cancel", text: t(`cancelBlocked.${e.cancelBlockedBy}`), tone: "info" });
  }

  const until = e.returnWindowEndsAt ? formatDay(e.returnWindowEndsAt, locale, store.timeZone, false) : "";
  if (e.canReturn) {
    notes.push({ key: "return", text: t("returnsOpenUntil", { date: until }), tone: "ok" });
    if (lines.some((l) => l.finalSale)) notes.push({ key: "final", text: t("someFinalSale"), tone: "info" });
  } else if (e.returnBlockedBy === "window_closed") {
    notes.push({
      key: "return",
      text: t("returnWindowClosed", { date: formatDay(e.returnWindowEndsAt!, locale, store.timeZone) }),
      tone: "info",
    });
  } else if (e.returnBlockedBy === "final_sale") {
    notes.push({ key: "return", text: t("finalSale"), tone: "info" });
  } else if (e.returnBlockedBy === "pending_request" || e.returnBlockedBy === "nothing_left") {
    notes.push({ key: "return", text: t(`returnBlocked.${e.returnBlockedBy}`), tone: "info" });
  }

  return (
    <section
      aria-labelledby="actions-heading"
      className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm"
    >
      <h2 id="actions-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <ul className="mt-3 space-y-2">
        {notes.map((n) => (
          <li key={n.key} className="flex items-start gap-2.5">
            <span
              aria-hidden
              className={
                n.tone === "ok"
                  ? "mt-1.5 size-2.5 shrink-0 rounded-full bg-emerald-600"
                  : n.tone === "warn"
                    ? "mt-1.5 size-2.5 shrink-0 rounded-full bg-amber-500"
                    : "mt-1.5 size-2.5 shrink-0 rounded-full bg-stone-400"
              }
            />
            <span className="text-stone-800">{n.text}</span>
          </li>
        ))}
        {notes.length === 0 && <li className="text-stone-700">{t("nothingToDo")}</li>}
      </ul>
      {(e.canCancel || e.canReturn) && (
        <div className="mt-4 flex flex-col gap-2 sm:flex-row">
          {e.canCancel && (
            <Link href={`${orderPath(order.number)}/cancel`} className={ACTION}>
              {t("cancelButton")}
            </Link>
          )}
          {e.canReturn && (
            <Link href={`${orderPath(order.number)}/return`} className={ACTION}>
              {t("returnButton")}
            </Link>
          )}
        </div>
      )}
      <p className="mt-4 text-sm">
        <Link href="/policy" className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
          {t("policyLink")}
        </Link>
      </p>
    </section>
  );
}

type EligibilityT = Awaited<ReturnType<typeof getTranslations<"eligibility">>>;

/** Why the order was cancelled, in the shopper's words (lib/orders/cancelled-because). */
export function cancelledNote(view: ShopperOrderView, locale: string, t: EligibilityT): string {
  const note = cancelledBecause(view.order, view.store);
  const date = note.shipBy ? formatDay(note.shipBy, locale, view.store.timeZone) : "";
  return t(note.key as Parameters<EligibilityT>[0], { date });
}

const ACTION =
  "inline-flex min-h-11 items-center justify-center rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white shadow-sm hover:bg-brand-900";
