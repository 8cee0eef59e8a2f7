// English e-mail copy. Keep the three locales' copy in step: same templates, same facts.
import type { Copy, CopyContext, TemplateParams } from "../templates";

type ApprovedParams = TemplateParams["request_approved"];

const requestName = { cancellation: "cancellation request", return: "return request" } as const;

function arrival(c: CopyContext, from?: string | null, to?: string | null): string {
  return from && to
    ? `Expect to see it between ${c.date(from)} and ${c.date(to)}.`
    : "Banks usually take 5–10 business days to show it on your statement.";
}

function nextStep(c: CopyContext, p: ApprovedParams): string[] {
  const { status, amount } = p;
  if (status === "awaiting_item") {
    return [
      p.returnAddress
        ? "Send the items to the address below. We refund you as soon as they arrive; a separate e-mail lists the items and how to pack them."
        : "Reply to this e-mail and we will tell you where to send the items. We refund you as soon as they arrive.",
    ];
  }
  if (status === "completed") return ["There is nothing more you need to do."];
  if (amount !== undefined) {
    return [
      `We are refunding ${c.money(amount)} to your original payment method and will e-mail you when it is on its way.`,
    ];
  }
  if (status === "refunding") {
    return ["We are refunding your payment and will e-mail you when the refund is on its way."];
  }
  return [];
}

const cancelReason: Record<string, (n: string) => string> = {
  customer: (n) => `Your order #${n} has been cancelled, as you asked.`,
  inventory: (n) => `We are sorry — we could not supply everything in order #${n}, so it has been cancelled.`,
  not_shipped_in_time: (n) =>
    `We are sorry — we could not ship order #${n} in the time we promised, so it has been cancelled.`,
  fraud: (n) =>
    `Order #${n} has been cancelled because our payment checks flagged it as possibly fraudulent. If you think this is a mistake, reply to this e-mail.`,
  declined: (n) => `Order #${n} has been cancelled because the payment was declined.`,
};

export const en: Copy = {
  greeting: "Hi,",
  signOff: (store) => `— ${store}`,
  viewOrder: "View your order",
  policy: "Refund and cancellation policy",
  templates: {
    request_received: (p, c) => ({
      subject: `We received your ${requestName[p.requestType]} for order #${c.orderNumber}`,
      paragraphs: [
        p.requestType === "cancellation"
          ? `Thank you — we have received your request to cancel order #${c.orderNumber}.`
          : `Thank you — we have received your request to return items from order #${c.orderNumber}.`,
        ...(p.amount
          ? [`If it is approved, we will refund ${c.money(p.amount)} to your original payment method.`]
          : []),
        "We will e-mail you as soon as it has been reviewed. Most requests are decided within one business day.",
      ],
    }),
    request_approved: (p, c) => ({
      subject: `Your ${requestName[p.requestType]} for order #${c.orderNumber} is approved`,
      paragraphs: [
        p.requestType === "cancellation"
          ? `The cancellation of order #${c.orderNumber} is approved.`
          : `Your return from order #${c.orderNumber} is approved.`,
        ...nextStep(c, p),
        ...(p.expectedFrom && p.expectedTo ? [arrival(c, p.expectedFrom, p.expectedTo)] : []),
      ],
      ...(p.status === "awaiting_item" && p.returnAddress && { address: c.address(p.returnAddress) }),
    }),
    request_declined: (p, c) => {
      const reason = c.text(p.reason) ?? c.text(p.message);
      return {
        subject: `About your ${requestName[p.requestType]} for order #${c.orderNumber}`,
        paragraphs: [
          `We are sorry — we cannot approve your ${requestName[p.requestType]} for order #${c.orderNumber}.`,
          ...(reason ? [`Reason: ${reason}`] : []),
          "If you have questions, reply to this e-mail and we will help.",
        ],
      };
    },
    refund_sent: (p, c) => ({
      subject: `Your refund of ${c.money(p.amount)} is on its way`,
      paragraphs: [
        `We have sent a refund of ${c.money(p.amount)} for order #${c.orderNumber} to your original payment method.`,
        arrival(c, p.expectedFrom, p.expectedTo),
      ],
    }),
    refund_succeeded: (p, c) => ({
      subject: `Your refund of ${c.money(p.amount)} is complete`,
      paragraphs: [
        `The payment provider has completed the refund of ${c.money(p.amount)} for order #${c.orderNumber}.`,
        ...(p.expectedFrom && p.expectedTo
          ? [
              arrival(c, p.expectedFrom, p.expectedTo),
              "If it is not on your statement by then, show this e-mail to your bank.",
            ]
          : ["If it is not on your statement within a few days, show this e-mail to your bank."]),
      ],
    }),
    refund_failed: (p, c) => ({
      subject: `Your refund of ${c.money(p.amount)} could not be completed`,
      paragraphs: [
        `We tried to refund ${c.money(p.amount)} for order #${c.orderNumber}, but the payment provider declined it.`,
        ...(p.reason ? [`The provider said: ${p.reason}`] : []),
        "What happens next: our team has been alerted and will retry the refund or pay you back another way within 2 business days. You do not need to do anything. If your card was replaced or your account closed, reply to this e-mail so we can help.",
      ],
    }),
    refund_manual: (p, c) => ({
      subject: `We are refunding ${c.money(p.amount)} by hand`,
      paragraphs: [
        `The refund of ${c.money(p.amount)} for order #${c.orderNumber} cannot go back automatically through the payment provider you paid with.`,
        "What happens next: our team has been alerted and will pay it back to you another way within 2 business days. We will e-mail you as soon as it is paid. You do not need to do anything.",
      ],
    }),
    order_cancelled: (p, c) => ({
      subject: `Order #${c.orderNumber} has been cancelled`,
      paragraphs: [
        (cancelReason[p.reason ?? ""] ?? ((n: string) => `Your order #${n} has been cancelled.`))(
          c.orderNumber,
        ),
        p.amount
          ? `We are refunding ${c.money(p.amount)} to your original payment method and will e-mail you when the refund is on its way.`
          : p.refunded
            ? "We are refunding your payment to your original payment method and will e-mail you when the refund is on its way."
            : "Any hold on your card for this order will be released.",
      ],
    }),
    return_instructions: (p, c) => ({
      subject: `How to return your items from order #${c.orderNumber}`,
      paragraphs: p.items?.length ? [`Your return from order #${c.orderNumber}:`] : [],
      list: (p.items ?? []).map((i) => `${i.quantity} × ${i.title}`),
      after: [
        "Here is how to send your return:",
        `1. Pack the items securely, with a note saying order #${c.orderNumber} inside the parcel.`,
        p.returnAddress
          ? "2. Send the parcel to the address below."
          : "2. Reply to this e-mail and we will tell you where to send the parcel.",
        "3. Keep the receipt and the tracking number.",
        p.returnBy
          ? `We refund as soon as the items arrive. Please send them by ${c.date(p.returnBy)}.`
          : "We refund as soon as the items arrive.",
      ],
      ...(p.returnAddress && { address: c.address(p.returnAddress) }),
    }),
    sign_in_link: (p, c) => ({
      subject: `Sign in to ${c.storeName}`,
      paragraphs: [
        "Use the link below to sign in and see your orders. It works once and expires in 24 hours.",
        "If you did not ask for it, you can ignore this e-mail.",
      ],
      action: { label: "Sign in", url: p.url },
    }),
    automation_paused: (p, c) => ({
      subject: `Automatic refunds are paused for ${c.storeName}`,
      paragraphs: [
        `Automatic refunds have been paused: ${p.reason}`,
        "Newly approved refunds wait for a person until automation is resumed in the console.",
      ],
      action: { label: "Open the console", url: c.consoleUrl },
    }),
    webhook_endpoint_failing: (p, c) => ({
      subject: p.disabled
        ? `A webhook endpoint of ${c.storeName} was disabled`
        : `A webhook endpoint of ${c.storeName} keeps failing`,
      paragraphs: [
        `The endpoint ${p.url} failed ${p.failures} times in a row. The last error: ${p.lastError}`,
        "Until it answers, the system behind it does not hear of new orders, requests and refunds.",
        p.disabled
          ? "It has been disabled. Events are still recorded for it and are sent once you enable it again in the console."
          : "Deliveries are retried with backoff. It will be disabled after 100 failures in a row or three days of failing.",
      ],
      action: { label: "Open the console", url: c.consoleUrl },
    }),
    refund_attention: (p, c) => ({
      subject: `A refund on order #${p.orderNumber} needs attention`,
      paragraphs: [
        `Order #${p.orderNumber}: ${p.reason}`,
        'It is listed under "Needs attention" in the refund monitor.',
      ],
      action: { label: "Open the refund monitor", url: `${c.consoleUrl}/refunds?status=attention` },
    }),
    withdrawal_received: (p, c) => ({
      subject: `We received your withdrawal from order #${c.orderNumber}`,
      paragraphs: [
        `This confirms that we received your withdrawal from the contract for order #${c.orderNumber} on ${c.dateTime(p.submittedAt)}.`,
        "The content of your withdrawal:",
      ],
      list: [
        `Name: ${p.name}`,
        `Order: #${c.orderNumber}`,
        p.scope === "all" ? "Withdrawn from: the whole order" : "Withdrawn from: the items below",
        ...p.items.map(
          (i) =>
            `${i.quantity} × ${i.title} — ${i.shipped ? "sent to you: to be returned" : "not sent yet: cancelled"}`,
        ),
        `Reason: ${p.reason ?? "none given (you do not need to give one)"}`,
        `Submitted: ${c.dateTime(p.submittedAt)} (${p.submittedAt.slice(0, 19).replace("T", " ")} UTC)`,
      ],
      after: [
        "What happens next: items that have not been sent are cancelled and refunded to your original payment method. Items you have received: send them back using the return instructions we e-mail you, and we refund them as soon as they arrive.",
        "Keep this e-mail as your record. You can also download a copy of your withdrawal with the link below.",
      ],
      action: { label: "Download a copy of your withdrawal", url: p.receiptUrl },
    }),
    refund_fallback: (p, c) => ({
      subject: `Choose how to get your refund of ${c.money(p.amount)}`,
      paragraphs: [
        `We tried to refund ${c.money(p.amount)} for order #${c.orderNumber}, but ${failureWords(p.failureCode)}, so the money could not reach you.`,
        `Choose how you would like to get it: ${listWords(
          p.choices.map((c) => CHOICE_WORDS[c]),
          "or",
        )}.`,
        `The link below is personal to you and works until ${c.date(p.expiresAt)}. If it has expired, reply to this e-mail and we will help.`,
      ],
      action: { label: "Choose how to get your money", url: p.url },
    }),
    store_credit_issued: (p, c) => ({
      subject: `Your store credit of ${c.money(p.amount)}`,
      paragraphs: [
        `As you chose, the refund for order #${c.orderNumber} is now store credit of ${c.money(p.amount)}.`,
        `Your code: ${p.code}. Use it at checkout; it does not expire.`,
      ],
    }),
  },
};

const CHOICE_WORDS = {
  original: "to your card again once your bank has replaced it",
  bank_transfer: "by bank transfer",
  store_credit: "as store credit",
};

/** "a", "a or b", "a, b or c". */
function listWords(words: string[], last: string): string {
  return words.length < 2 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${last} ${words.at(-1)}`;
}

function failureWords(code: string | undefined): string {
  switch (code) {
    case "expired_or_canceled_card":
      return "the card has expired or was cancelled";
    case "account_closed":
      return "the account has been closed";
    case "lost_or_stolen_card":
      return "the card was reported lost or stolen";
    default:
      return "the bank declined it";
  }
}
