import "server-only";
// The two steps of the withdrawal form on the server. Step one checks the fields, that the
// order number and e-mail belong together (rate-limited like the lookup, with one message for a
// wrong number or a wrong e-mail) and what may be withdrawn; step two is the explicit
// confirmation, which checks all of it again and records the withdrawal.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { orders, stores } from "@/lib/db/schema";
import { type FieldErrors, isDomainError } from "@/lib/errors";
import { attemptLookup } from "@/lib/lookup/attempt";
import { formText } from "@/lib/text";
import { loadOrderState } from "@/lib/requests/snapshot";
import { submitWithdrawal } from "./commands";
import { getWithdrawalEligibility, type WithdrawalEligibility } from "./eligibility";
import { withdrawalDetailsSchema } from "./schemas";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type WithdrawalFormValues = {
  name: string;
  number: string;
  email: string;
  reason: string;
  scope: "all" | "some";
  quantities: Record<string, number>;
};

export type WithdrawalLineOption = {
  id: string;
  title: string;
  variantTitle: string | null;
  unshipped: number;
  shipped: number;
};

export type WithdrawalSummary = {
  orderNumber: string;
  items: { title: string; variantTitle: string | null; quantity: number; shipped: boolean }[];
  periodEndsAt: string | null;
};

export type WithdrawalFormState = {
  step: "details" | "confirm";
  values?: WithdrawalFormValues;
  lines?: WithdrawalLineOption[];
  summary?: WithdrawalSummary;
  message?: string;
  tone?: "error" | "info";
  fieldErrors?: FieldErrors;
};

const QTY = "qty:";

export function readWithdrawalForm(
  form: FormData,
): WithdrawalFormValues & { idempotencyKey: string; intent: string } {
  const field = (name: string) => formText(form, name);
  const quantities: Record<string, number> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith(QTY) || typeof value !== "string") continue;
    const n = Number(value);
    quantities[name.slice(QTY.length)] = Number.isInteger(n) && n >= 0 ? n : -1;
  }
  return {
    name: field("name"),
    number: field("number"),
    email: field("email"),
    reason: field("reason"),
    scope: field("scope") === "some" ? "some" : "all",
    quantities,
    idempotencyKey: field("idempotencyKey"),
    intent: field("intent"),
  };
}

type Checked =
  | { ok: false; state: WithdrawalFormState }
  | {
      ok: true;
      orderId: string;
      details: ReturnType<typeof withdrawalDetailsSchema.parse>;
      lines: WithdrawalLineOption[];
      eligibility: WithdrawalEligibility;
    };

/** Everything step one checks; step two runs it again before it records anything. */
export async function checkWithdrawal(
  db: Db,
  values: WithdrawalFormValues,
  context: { client: string; t: Translate; now?: Date },
): Promise<Checked> {
  const { t } = context;
  const fail = (extra: Partial<WithdrawalFormState>): Checked => ({
    ok: false,
    state: { step: "details", values, ...extra },
  });
  const parsed = withdrawalDetailsSchema.safeParse({
    ...values,
    // Lines are checked against the order below; here only the fields.
    scope: "all",
    lines: [],
  });
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "_");
      (fieldErrors[key] ??= []).push(t(`errors.${issue.message}`));
    }
    return fail({ tone: "error", message: t("errors.checkFields"), fieldErrors });
  }
  const details = { ...parsed.data, scope: values.scope };
  const [store] = await db.select().from(stores).orderBy(stores.createdAt).limit(1);
  if (!store?.withdrawalEnabled) return fail({ tone: "error", message: t("blocked.disabled") });
  const found = await attemptLookup(db, {
    storeId: store.id,
    client: context.client,
    number: details.number,
    email: details.email,
    now: context.now,
  });
  if (!found.ok && found.reason === "rate_limited") {
    return fail({
      tone: "error",
      message: t("errors.rateLimited", { minutes: Math.max(1, Math.ceil(found.retryAfterMs / 60_000)) }),
    });
  }
  if (!found.ok) return fail({ tone: "error", message: t("errors.notFound") });

  const [order] = await db.select().from(orders).where(eq(orders.id, found.order.id));
  const state = await loadOrderState(db, order!);
  const eligibility = getWithdrawalEligibility(state.snapshot, store, context.now ?? new Date());
  if (!eligibility.available) return fail({ tone: "error", message: t(`blocked.${eligibility.blockedBy}`) });
  const lines = eligibility.lines.map((l) => {
    const line = state.lines.find((x) => x.id === l.lineItemId)!;
    return {
      id: l.lineItemId,
      title: line.title,
      variantTitle: line.variantTitle,
      unshipped: l.unshipped,
      shipped: l.shipped,
    };
  });

  if (values.scope === "some") {
    const fieldErrors: FieldErrors = {};
    for (const [id, quantity] of Object.entries(values.quantities)) {
      const line = lines.find((l) => l.id === id);
      const max = line ? line.unshipped + line.shipped : 0;
      if (quantity < 0 || quantity > max) fieldErrors[`line.${id}`] = [t("errors.too_many", { max })];
    }
    if (!Object.values(values.quantities).some((q) => q > 0)) {
      // First time through: the shopper has not seen the order's items yet.
      const seen = Object.keys(values.quantities).length > 0;
      return fail({
        lines,
        tone: seen ? "error" : "info",
        message: t(seen ? "errors.lines_required" : "chooseItems"),
        ...(seen ? { fieldErrors: { lines: [t("errors.lines_required")] } } : {}),
      });
    }
    if (Object.keys(fieldErrors).length)
      return fail({ lines, tone: "error", message: t("errors.checkFields"), fieldErrors });
  }
  return { ok: true, orderId: found.order.id, details, lines, eligibility };
}

/** Step one → the confirmation screen with what will be withdrawn. */
export function summaryOf(
  checked: Extract<Checked, { ok: true }>,
  values: WithdrawalFormValues,
): WithdrawalSummary {
  const items = checked.lines.flatMap((l) => {
    const wanted = values.scope === "all" ? l.unshipped + l.shipped : (values.quantities[l.id] ?? 0);
    const cancel = Math.min(wanted, l.unshipped);
    return [
      ...(cancel > 0
        ? [{ title: l.title, variantTitle: l.variantTitle, quantity: cancel, shipped: false }]
        : []),
      ...(wanted - cancel > 0
        ? [{ title: l.title, variantTitle: l.variantTitle, quantity: wanted - cancel, shipped: true }]
        : []),
    ];
  });
  return {
    orderNumber: checked.details.number,
    items,
    periodEndsAt: checked.eligibility.periodEndsAt?.toISOString() ?? null,
  };
}

/** Step two: records the withdrawal. Returns the receipt token, or the state to show again. */
export async function confirmWithdrawal(
  db: Db,
  values: WithdrawalFormValues & { idempotencyKey: string },
  context: { client: string; t: Translate; locale: string; now?: Date },
): Promise<{ ok: true; receiptToken: string } | { ok: false; state: WithdrawalFormState }> {
  const checked = await checkWithdrawal(db, values, context);
  if (!checked.ok) return checked;
  const lines = Object.entries(values.quantities)
    .filter(([, q]) => q > 0)
    .map(([lineItemId, quantity]) => ({ lineItemId, quantity }));
  try {
    const result = await submitWithdrawal(
      db,
      {
        orderId: checked.orderId,
        name: checked.details.name,
        email: checked.details.email,
        reason: checked.details.reason,
        scope: values.scope,
        lines: values.scope === "some" ? lines : [],
        locale: (["en", "nb", "zh"] as const).find((l) => l === context.locale) ?? "en",
        idempotencyKey: values.idempotencyKey,
      },
      { type: "shopper", id: checked.details.email },
      { now: context.now },
    );
    return { ok: true, receiptToken: result.receiptToken };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const message =
      error.code === "not_eligible" || error.code === "invalid_input"
        ? t(context, "errors.changed")
        : t(context, "errors.generic");
    return { ok: false, state: { step: "details", values, lines: checked.lines, tone: "error", message } };
  }
}

const t = (context: { t: Translate }, key: string) => context.t(key);
