// The production server (`npm start`, `npm run demo`, the end-to-end tests): Next.js behind a
// node:http server of our own. `next start` keeps a client's X-Forwarded-For when it sends one, so
// the app could never see the socket; here forwarding headers pass only from the proxies declared
// in TRUSTED_PROXIES, and X-Forwarded-For always ends with the socket's peer (lib/net/forwarding.js).
// PORT (3000) and HOSTNAME (all interfaces) say where to listen, as for Next's standalone server.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTrustedProxies, rewriteForwardingHeaders } from "./lib/net/forwarding.js";

process.env.NODE_ENV ??= "production";
const dir = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;

const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES || undefined);
if (!trusted.ok) {
  console.error(
    `\n[aftercare] cannot start: Invalid configuration:\n  - TRUSTED_PROXIES: ${trusted.message}\n`,
  );
  process.exit(1);
}
const trust = trusted.trust;

// Imported after NODE_ENV is set: Next.js and React pick their production builds at load time.
const { default: next } = await import("next");
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

let warned = false;
/** Once per process: a proxy the operator did not declare would make every shopper one client. */
function warnUndeclaredPeer(peer, ignored) {
  if (warned) return;
  warned = true;
  console.warn(
    `[aftercare] ${ignored.join(", ")} arrived from ${peer}, which TRUSTED_PROXIES does not declare, ` +
      "so they were ignored and the socket's address is the client. Behind a proxy, set TRUSTED_PROXIES " +
      "(README, Configuration).",
  );
}

/** A path whose percent-escapes do not decode (`/orders/%E0%A4%A`): Next.js would fail with a 500. */
function malformedPath(url) {
  try {
    decodeURIComponent((url ?? "/").split("?")[0]);
    return false;
  } catch {
    return true;
  }
}

const server = http.createServer((req, res) => {
  if (malformedPath(req.url)) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("Bad request: malformed URL\n");
    return;
  }
  const peer = req.socket.remoteAddress;
  const { ignored } = rewriteForwardingHeaders(req.headers, peer, trust);
  if (ignored.length) warnUndeclaredPeer(peer, ignored);
  handle(req, res).catch((error) => {
    console.error("[aftercare] request failed", error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});

server.listen(port, hostname, () => {
  const shown = hostname ?? "0.0.0.0";
  const declared = "hops" in trust ? `${trust.hops} hop(s)` : trust.declared;
  console.log(`[aftercare] listening on http://${shown}:${port} (trusted proxies: ${declared})`);
});

// Stop taking requests, then exit: the inline job workers stop on the same signal (lib/jobs/app.ts).
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
