// One POST to a webhook endpoint, through node:http(s) so the address dialled can be checked at
// connect time (fetch cannot take a lookup). Redirects are not followed; the answer's body is not read.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { isPrivateAddress, PrivateTargetError, publicOnlyLookup } from "./targets";

export class PostTimeoutError extends Error {
  name = "TimeoutError";
}

export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<number> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  // An IP literal is dialled without a lookup: check it here.
  if (!options.allowPrivate && net.isIP(host) && isPrivateAddress(host)) {
    return Promise.reject(new PrivateTargetError(host, host));
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: "POST",
        // A connection per delivery: each is dialled (and its address checked) afresh, and no
        // pooled socket the receiver already closed turns into a spurious "socket hang up".
        agent: false,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: options.allowPrivate ? undefined : publicOnlyLookup,
        timeout: options.timeoutMs,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("timeout", () => request.destroy(new PostTimeoutError()));
    request.on("error", reject);
    request.end(body);
  });
}
