// The one place that says which client a request comes from, for rate limits. server.js has
// already made X-Forwarded-For end with the socket's peer and dropped what undeclared peers sent.
import { env } from "@/lib/env";
import { clientFromForwardedFor } from "./forwarding.js";

/** The client's address, or "unknown" when no server entry or proxy said (tests, scripts). */
export function clientAddress(headers: Pick<Headers, "get"> | Record<string, unknown>): string {
  const forwardedFor =
    typeof headers.get === "function"
      ? (headers as Pick<Headers, "get">).get("x-forwarded-for")
      : [(headers as Record<string, unknown>)["x-forwarded-for"]].flat().filter(Boolean).join(",");
  return clientFromForwardedFor(forwardedFor, env().TRUSTED_PROXIES) ?? "unknown";
}
