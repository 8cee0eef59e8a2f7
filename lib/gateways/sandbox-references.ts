// Sandbox test payment methods: the payment reference's prefix picks what the sandbox does,
// so every refund path can be shown in the demo and driven from tests.
//
// | prefix              | createRefund                                         | later (getRefund)               |
// |---------------------|------------------------------------------------------|---------------------------------|
// | pm_ok_              | succeeded                                            | —                               |
// | pm_slow_            | pending                                              | succeeded once settleAt passed  |
// | pm_insufficient_    | pending, pendingReason insufficient_funds            | succeeded once settleAt passed  |
// | pm_card_expired_    | failed, expired_or_canceled_card                     | —                               |
// | pm_account_closed_  | failed, account_closed                               | —                               |
// | pm_timeout_once_    | 1st call per key: refund recorded, then throws       | retry with same key returns it  |
// |                     | GatewayError('timeout', retryable)                   |                                 |
// | pm_flaky_           | calls 1 and 2 per key throw GatewayError             | 3rd call succeeds               |
// |                     | ('unavailable', retryable) (an HTTP 500)             |                                 |
// | anything else       | succeeded                                            | —                               |

export type SandboxBehaviour =
  "ok" | "slow" | "insufficient" | "card_expired" | "account_closed" | "timeout_once" | "flaky";

export type SandboxPaymentReference = {
  prefix: string;
  behaviour: SandboxBehaviour;
  example: string;
  description: string;
};

export const SANDBOX_PAYMENT_REFERENCES: readonly SandboxPaymentReference[] = [
  {
    prefix: "pm_ok_",
    behaviour: "ok",
    example: "pm_ok_visa",
    description: "Refund succeeds immediately.",
  },
  {
    prefix: "pm_slow_",
    behaviour: "slow",
    example: "pm_slow_visa",
    description: "Refund stays pending, then succeeds once the settle delay has passed.",
  },
  {
    prefix: "pm_insufficient_",
    behaviour: "insufficient",
    example: "pm_insufficient_visa",
    description:
      "Refund is pending because the merchant balance is too low (insufficient_funds), then succeeds once the settle delay has passed.",
  },
  {
    prefix: "pm_card_expired_",
    behaviour: "card_expired",
    example: "pm_card_expired_visa",
    description: "Refund fails: the card has expired (expired_or_canceled_card).",
  },
  {
    prefix: "pm_account_closed_",
    behaviour: "account_closed",
    example: "pm_account_closed_iban",
    description: "Refund fails: the bank account has been closed (account_closed).",
  },
  {
    prefix: "pm_timeout_once_",
    behaviour: "timeout_once",
    example: "pm_timeout_once_visa",
    description:
      "The first call for an idempotency key creates the refund but answers with a timeout; a retry with the same key returns that refund.",
  },
  {
    prefix: "pm_flaky_",
    behaviour: "flaky",
    example: "pm_flaky_visa",
    description: "The first two calls for an idempotency key fail with a server error; the third succeeds.",
  },
];

export function sandboxBehaviourFor(paymentReference: string): SandboxBehaviour {
  return SANDBOX_PAYMENT_REFERENCES.find((r) => paymentReference.startsWith(r.prefix))?.behaviour ?? "ok";
}
