"use client";
// The refund editor shared by request approval and manual refunds: quantity and restock per
// line, shipping, or a custom amount with a reason. The total comes from lib/money's
// computeRefund — the same function the refund itself uses — so staff see what is paid.
import { useMemo, useState } from "react";
import { CheckboxField, Input, TextField } from "@/components/ui/field";
import { money, parseMajorAmount, toMajor } from "@/lib/console/format";
import { computeRefund, type RefundableOrder, RefundAllocationError } from "@/lib/money";
import type { FieldErrors } from "@/lib/errors";

export type RefundLineOption = {
  lineItemId: string;
  title: string;
  sku: string;
  /** Most units staff may pick (requested units, or what is left on the order). */
  max: number;
  /** What the editor starts with. */
  initial: number;
  restockable: boolean;
  note?: string;
};

export type RefundDraft = {
  lines: { lineItemId: string; quantity: number; restockQuantity: number }[];
  includeShipping: boolean;
  customAmount?: number;
  reason?: string;
};

const ALLOCATION_MESSAGES: Record<RefundAllocationError["code"], string> = {
  quantity_exceeds_remaining: "More than is left to refund on a line.",
  unknown_line: "An item is not on this order.",
  exceeds_captured: "More than is left to refund on this order.",
  empty: "Choose at least one item or the shipping.",
};

export function useRefundDraft(options: {
  order: RefundableOrder;
  lines: RefundLineOption[];
  currency: string;
  includeShipping: boolean;
  restock: boolean;
}) {
  const { order, lines, currency } = options;
  const [quantities, setQuantities] = useState(() =>
    Object.fromEntries(lines.map((l) => [l.lineItemId, l.initial])),
  );
  const [restock, setRestock] = useState(() =>
    Object.fromEntries(lines.map((l) => [l.lineItemId, options.restock && l.restockable ? l.initial : 0])),
  );
  const [includeShipping, setIncludeShipping] = useState(options.includeShipping);
  const [custom, setCustom] = useState(false);
  const [customText, setCustomText] = useState("");
  const [reason, setReason] = useState("");

  const computed = useMemo(() => {
    try {
      const selection = lines.map((l) => ({
        lineItemId: l.lineItemId,
        quantity: quantities[l.lineItemId] ?? 0,
      }));
      return { ok: true as const, total: computeRefund(order, { lines: selection, includeShipping }).total };
    } catch (error) {
      if (error instanceof RefundAllocationError)
        return { ok: false as const, message: ALLOCATION_MESSAGES[error.code] };
      throw error;
    }
  }, [order, lines, quantities, includeShipping]);

  const remaining = order.capturedAmount - order.refundedAmount;
  const customAmount = custom ? parseMajorAmount(customText) : null;
  const customError = !custom
    ? undefined
    : customAmount === null
      ? customText
        ? "Enter an amount such as 499 or 499.50"
        : "Enter the amount to refund"
      : customAmount === 0
        ? "Enter more than zero"
        : customAmount > remaining
          ? `At most ${money(remaining, currency)} remains refundable`
          : undefined;
  const reasonError = custom && !reason.trim() ? "Say why the amount differs" : undefined;
  const total = custom ? (customAmount ?? 0) : computed.ok ? computed.total : 0;
  const problem = custom ? (customError ?? reasonError) : computed.ok ? undefined : computed.message;

  const draft: RefundDraft = {
    lines: lines
      .filter((l) => (quantities[l.lineItemId] ?? 0) > 0)
      .map((l) => ({
        lineItemId: l.lineItemId,
        quantity: quantities[l.lineItemId] ?? 0,
        restockQuantity: Math.min(restock[l.lineItemId] ?? 0, quantities[l.lineItemId] ?? 0),
      })),
    includeShipping,
    ...(custom && customAmount !== null ? { customAmount, reason: reason.trim() } : {}),
  };

  return {
    draft,
    total,
    problem,
    fields: {
      order,
      lines,
      currency,
      quantities,
      setQuantities,
      restock,
      setRestock,
      includeShipping,
      setIncludeShipping,
      custom,
      setCustom,
      customText,
      setCustomText,
      reason,
      setReason,
      customError,
      reasonError,
      computed,
      total,
    },
  };
}

export function RefundFields({
  fields: f,
  showRestock,
  showCustomReason = true,
  fieldErrors = {},
}: {
  fields: ReturnType<typeof useRefundDraft>["fields"];
  showRestock: boolean;
  showCustomReason?: boolean;
  fieldErrors?: FieldErrors;
}) {
  const shippingLeft = f.order.shippingTotal + f.order.shippingTaxTotal - f.order.shippingRefunded;
  const [touched, setTouched] = useState(false);
  return (
    <div className="space-y-3" onBlur={() => setTouched(true)}>
      <table className="w-full text-sm" aria-label="Refund per item">
        <thead className="text-left text-xs text-stone-600">
          <tr>
            <th className="py-1 font-medium">Item</th>
            <th className="w-20 py-1 text-right font-medium">Refund qty</th>
            {showRestock && <th className="w-20 py-1 text-right font-medium">Restock</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {f.lines.map((l) => {
            const qty = f.quantities[l.lineItemId] ?? 0;
            return (
              <tr key={l.lineItemId}>
                <td className="py-1.5 pr-2">
                  <span className="block">{l.title}</span>
                  <span className="text-xs text-stone-600">
                    {l.sku}
                    {l.note ? ` · ${l.note}` : ""}
                    {!l.restockable && " · not restockable"}
                  </span>
                </td>
                <td className="py-1.5 text-right">
                  <Input
                    type="number"
                    min={0}
                    max={l.max}
                    value={qty}
                    aria-label={`Refund quantity for ${l.title}`}
                    onChange={(e) => {
                      const value = Math.max(0, Math.min(Math.trunc(Number(e.target.value)) || 0, l.max));
                      f.setQuantities((q) => ({ ...q, [l.lineItemId]: value }));
                      f.setRestock((r) => ({ ...r, [l.lineItemId]: Math.min(r[l.lineItemId] ?? 0, value) }));
                    }}
                    className="ml-auto w-16 text-right"
                  />
                </td>
                {showRestock && (
                  <td className="py-1.5 text-right">
                    <Input
                      type="number"
                      min={0}
                      max={qty}
                      value={f.restock[l.lineItemId] ?? 0}
                      disabled={!l.restockable}
                      aria-label={`Restock quantity for ${l.title}`}
                      onChange={(e) => {
                        const value = Math.max(0, Math.min(Math.trunc(Number(e.target.value)) || 0, qty));
                        f.setRestock((r) => ({ ...r, [l.lineItemId]: value }));
                      }}
                      className="ml-auto w-16 text-right"
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <CheckboxField
        label="Refund shipping"
        hint={`Shipping still refundable: ${money(shippingLeft, f.currency)}`}
        checked={f.includeShipping}
        disabled={shippingLeft === 0}
        onChange={(e) => f.setIncludeShipping(e.target.checked)}
      />
      <CheckboxField
        label="Refund a different amount"
        hint="For goodwill, or part of the price of a damaged item. Needs a reason."
        checked={f.custom}
        onChange={(e) => f.setCustom(e.target.checked)}
      />
      {f.custom && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label={`Amount (${f.currency})`}
            inputMode="decimal"
            value={f.customText}
            placeholder={f.computed.ok ? toMajor(f.computed.total) : ""}
            onChange={(e) => f.setCustomText(e.target.value)}
            errors={
              touched && f.customError
                ? [f.customError]
                : (fieldErrors["refund.customAmount"] ?? fieldErrors.customAmount)
            }
            required
          />
          {showCustomReason && (
            <TextField
              label="Why this amount"
              hint="The customer sees this beside a refund that is less than they asked for."
              value={f.reason}
              onChange={(e) => f.setReason(e.target.value)}
              errors={
                touched && f.reasonError
                  ? [f.reasonError]
                  : (fieldErrors["refund.reason"] ?? fieldErrors.reason)
              }
              required
            />
          )}
        </div>
      )}
      <div
        className="flex items-baseline justify-between rounded-md bg-stone-50 px-3 py-2 text-sm"
        aria-live="polite"
      >
        <span className="text-stone-600">Refund total</span>
        {f.custom || f.computed.ok ? (
          <span className="text-base font-semibold tabular-nums">{money(f.total, f.currency)}</span>
        ) : (
          <span className="text-red-700">{f.computed.message}</span>
        )}
      </div>
    </div>
  );
}
