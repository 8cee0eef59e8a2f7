// Picks a gateway adapter; callers inject what it needs (ledger for the sandbox, keys for Stripe).
import { SandboxGateway, type SandboxGatewayOptions } from "@/lib/gateways/sandbox";
import { StripeGateway, type StripeGatewayOptions } from "@/lib/gateways/stripe";
import type { PaymentGateway } from "@/lib/gateways/types";

export type GatewayDeps = { sandbox: SandboxGatewayOptions; stripe: StripeGatewayOptions };
export type GatewayName = keyof GatewayDeps;
export const GATEWAY_NAMES: readonly GatewayName[] = ["sandbox", "stripe"];

const factories: { [N in GatewayName]: (deps: GatewayDeps[N]) => PaymentGateway } = {
  sandbox: (deps) => new SandboxGateway(deps),
  stripe: (deps) => new StripeGateway(deps),
};

export function getGateway<N extends GatewayName>(name: N, deps: GatewayDeps[N]): PaymentGateway {
  return factories[name](deps);
}

export * from "@/lib/gateways/types";
