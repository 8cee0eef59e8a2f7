import "server-only";
// The one server-side path for a shopper's cancellation or return form: validate the form,
// take the order from the access grant (an order id in the form must equal it), check the
// selection against eligibility, store photos, then submitRequest — which re-checks all of it
// inside its transaction and asks the rules. Returns values; the action redirects.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { type ErrorCode, type FieldErrors, isDomainError, type Result } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import type { RefundBreakdown } from "@/lib/money";
import { getShopperOrderView } from "@/lib/orders/queries";
import type { Eligibility } from "@/lib/requests/eligibility";
import { previewRequestRefund, submitRequest, withdrawRequest } from "@/lib/requests/commands";
import { CANCELLATION_REASONS, PHOTO_REASONS, RETURN_REASONS } from "@/lib/requests/schemas";
import { checkPhotos, chosenFiles, discardPhotos, type StoredPhoto, storePhotos } from "@/lib/uploads/photos";
import { formText } from "@/lib/text";
import type { GrantedOrder } from "./session";

export type RequestType = "cancellation" | "return";
/** Translates a key under `requestForm.errors` (next-intl's `t`, or a stub in tests). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type RequestFormValues = {
  scope: "all" | "some";
  quantities: Record<string, number>;
  reasonCode: string;
  comment: string;
};

export type RefundPreview = {
  currency: string;
  total: number;
  itemsSubtotal: number;
  discount: number;
  tax: number;
  shipping: number;
  lines: { lineItemId: string; quantity: number; amount: number }[];
  /** A cancellation of everything: nothing shipped and nothing left to ship. */
  cancelsOrder: boolean;
};

export type RequestFormState = {
  message?: string;
  fieldErrors?: FieldErrors;
  values?: RequestFormValues;
  /** The refund for `values` (null: none for them), after a preview or an error without JavaScript. */
  preview?: RefundPreview | null;
};

type Selection = { lineItemId: string; quantity: number }[];

const QUANTITY_FIELD = "qty:";

const formSchema = z.object({
  orderId: z.string().min(1),
  idempotencyKey: z.string().min(8).max(100),
  scope: z.enum(["all", "some"]).catch("some"),
  reasonCode: z.string().max(40),
  comment: z.string().trim().max(1000, "commentTooLong"),
});

/** Reads the form fields every request form posts; quantities are `qty:<lineItemId>`. */
export function readRequestForm(form: FormData) {
  const field = (name: string) => formText(form, name);
  const quantities: Record<string, number> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith(QUANTITY_FIELD) || typeof value !== "string") continue;
    const n = Number(value);
    quantities[name.slice(QUANTITY_FIELD.length)] = Number.isInteger(n) && n >= 0 ? n : -1;
  }
  const parsed = formSchema.safeParse({
    orderId: field("orderId"),
    idempotencyKey: field("idempotencyKey"),
    scope: field("scope"),
    reasonCode: field("reasonCode"),
    comment: field("comment"),
  });
  const values: RequestFormValues = {
    scope: parsed.success ? parsed.data.scope : "some",
    quantities,
    reasonCode: field("reasonCode"),
    comment: field("comment"),
  };
  return { parsed, values, files: chosenFiles(form.getAll("photos")), intent: field("intent") };
}

/** The lines a form asks for, checked against what eligibility still allows. */
export function selectLines(
  type: RequestType,
  values: Pick<RequestFormValues, "scope" | "quantities">,
  eligibility: Eligibility,
  t: Translate,
): { ok: true; lines: Selection } | { ok: false; fieldErrors: FieldErrors } {
  const allowed = type === "cancellation" ? eligibility.cancellableLines : eligibility.returnableLines;
  if (type === "cancellation" && values.scope === "all") {
    return {
      ok: true,
      lines: allowed
        .filter((l) => l.maxQuantity > 0)
        .map((l) => ({ lineItemId: l.lineItemId, quantity: l.maxQuantity })),
    };
  }
  const fieldErrors: FieldErrors = {};
  const lines: Selection = [];
  for (const [lineItemId, quantity] of Object.entries(values.quantities)) {
    const max = allowed.find((l) => l.lineItemId === lineItemId)?.maxQuantity ?? 0;
    if (quantity < 0 || quantity > max) {
      fieldErrors[`line.${lineItemId}`] = [max === 0 ? t("lineNotAllowed") : t("atMost", { max })];
    } else if (quantity > 0) {
      lines.push({ lineItemId, quantity });
    }
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  if (lines.length === 0) return { ok: false, fieldErrors: { lines: [t("chooseItems")] } };
  return { ok: true, lines };
}

export function toPreview(
  breakdown: RefundBreakdown,
  currency: string,
  cancelsOrder: boolean,
): RefundPreview {
  const sum = (pick: (l: RefundBreakdown["lines"][number]) => number) =>
    breakdown.lines.reduce((n, l) => n + pick(l), 0);
  return {
    currency,
    total: breakdown.total,
    itemsSubtotal: sum((l) => l.subtotal),
    discount: sum((l) => l.discount),
    tax: sum((l) => l.tax),
    shipping: breakdown.shipping,
    lines: breakdown.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity, amount: l.amount })),
    cancelsOrder,
  };
}

/** The refund a selection would get, from the same computation the refund uses. */
export async function previewShopperRequest(
  db: Db,
  grant: GrantedOrder,
  type: RequestType,
  values: Pick<RequestFormValues, "scope" | "quantities">,
  t: Translate,
  options: { now?: Date } = {},
): Promise<Result<RefundPreview>> {
  const view = await getShopperOrderView(db, grant.id, options.now);
  if (!view) return failure("not_found", t("notFound"));
  const selected = selectLines(type, values, view.eligibility, t);
  if (!selected.ok) return failure("invalid_input", t("checkFields"), selected.fieldErrors);
  try {
    const { breakdown, cancelsOrder } = await previewRequestRefund(db, {
      orderId: grant.id,
      type,
      lines: selected.lines,
    });
    return { ok: true, data: toPreview(breakdown, view.order.currency, cancelsOrder) };
  } catch (error) {
    return domainFailure(error, t);
  }
}

/** Validates and submits a request form for the granted order. */
export async function submitShopperRequest(
  db: Db,
  grant: GrantedOrder,
  type: RequestType,
  form: FormData,
  t: Translate,
  options: { now?: Date; locale?: string } = {},
): Promise<Result<{ requestId: string; status: string; created: boolean }>> {
  const { parsed, values, files } = readRequestForm(form);
  if (!parsed.success) return failure("invalid_input", t("checkFields"), formErrors(parsed.error.issues, t));
  if (parsed.data.orderId !== grant.id) return failure("forbidden", t("wrongOrder"));

  const fieldErrors: FieldErrors = {};
  const reasons: readonly string[] = type === "cancellation" ? CANCELLATION_REASONS : RETURN_REASONS;
  if (!reasons.includes(values.reasonCode)) fieldErrors.reasonCode = [t("chooseReason")];
  const needsPhoto = type === "return" && (PHOTO_REASONS as readonly string[]).includes(values.reasonCode);
  if (needsPhoto && files.length === 0) fieldErrors.photos = [t("photoRequired")];

  const view = await getShopperOrderView(db, grant.id, options.now);
  if (!view) return failure("not_found", t("notFound"));
  const blocked = type === "cancellation" ? !view.eligibility.canCancel : !view.eligibility.canReturn;
  if (blocked) return failure("not_eligible", t(type === "cancellation" ? "cannotCancel" : "cannotReturn"));
  const selected = selectLines(type, values, view.eligibility, t);
  if (!selected.ok) Object.assign(fieldErrors, selected.fieldErrors);

  const checked = type === "return" && files.length ? await checkPhotos(files) : null;
  if (checked && !checked.ok) fieldErrors.photos = [t(`photo.${checked.problem}`)];
  if (Object.keys(fieldErrors).length || !selected.ok)
    return failure("invalid_input", t("checkFields"), fieldErrors);

  const photos: StoredPhoto[] = checked?.ok ? await storePhotos(checked.photos) : [];
  try {
    return {
      ok: true,
      data: await submitRequest(
        db,
        {
          orderId: grant.id,
          type,
          lines: selected.lines,
          reasonCode: values.reasonCode,
          comment: parsed.data.comment || undefined,
          idempotencyKey: parsed.data.idempotencyKey,
          locale: isLocale(options.locale) ? options.locale : undefined,
          photos,
        },
        { type: "shopper", id: grant.email },
        options,
      ),
    };
  } catch (error) {
    await discardPhotos(photos);
    return domainFailure(error, t, selected.lines);
  }
}

/** Withdraws a pending request of the granted order; the request must belong to it. */
export async function withdrawShopperRequest(
  db: Db,
  grant: GrantedOrder,
  form: FormData,
  t: Translate,
): Promise<Result<null>> {
  const requestId = form.get("requestId");
  if (typeof requestId !== "string" || !z.uuid().safeParse(requestId).success)
    return failure("invalid_input", t("notFound"));
  if (form.get("orderId") !== grant.id) return failure("forbidden", t("wrongOrder"));
  try {
    await withdrawRequest(db, { requestId, orderId: grant.id }, { type: "shopper", id: grant.email });
    return { ok: true, data: null };
  } catch (error) {
    return domainFailure(error, t);
  }
}

const failure = (code: ErrorCode, message: string, fieldErrors?: FieldErrors) =>
  ({ ok: false, code, message, ...(fieldErrors ? { fieldErrors } : {}) }) as const;

function formErrors(issues: { path: PropertyKey[]; message: string }[], t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    const message = issue.message === "commentTooLong" ? t("commentTooLong") : t("checkFields");
    (out[key] ??= []).push(message);
  }
  return out;
}

// The commands speak English to staff and logs; the shopper gets a translated sentence per code.
const DOMAIN_MESSAGES: Partial<Record<ErrorCode, string>> = {
  not_eligible: "notEligible",
  conflict: "conflict",
  limit_exceeded: "limitExceeded",
  invalid_input: "checkFields",
  not_found: "notFound",
};

function domainFailure(error: unknown, t: Translate, sent: Selection = []) {
  if (!isDomainError(error)) throw error;
  const key = DOMAIN_MESSAGES[error.code];
  if (!key) throw error;
  return failure(error.code, t(key), lineErrors(error.fieldErrors, sent, t));
}

/** The command names lines by their index in what we sent ("lines.0.quantity"); the form by id. */
function lineErrors(errors: FieldErrors | undefined, sent: Selection, t: Translate): FieldErrors | undefined {
  if (!errors) return undefined;
  const out: FieldErrors = {};
  for (const key of Object.keys(errors)) {
    const index = /^lines\.(\d+)\./.exec(key)?.[1];
    const line = index === undefined ? undefined : sent[Number(index)];
    if (line) out[`line.${line.lineItemId}`] = [t("lineNotAllowed")];
  }
  return Object.keys(out).length ? out : undefined;
}
