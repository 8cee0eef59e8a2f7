// @ts-check
// Who the client is, when proxies may stand in between. Plain JavaScript so that server.js (run by
// node, no build step) and the app share one implementation. The operator declares the proxies in
// TRUSTED_PROXIES: a hop count ("1" behind one Nginx) or a list of addresses and CIDR ranges. The
// server entry passes forwarding headers on only from a declared proxy and always appends the
// socket's address to X-Forwarded-For, so the app can take the right-most untrusted entry.
import { BlockList, isIP } from "node:net";

/** @typedef {{ hops: number } | { ranges: BlockList; declared: string }} Trust */

/** Headers through which a client could claim another address, host or scheme. */
export const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
  "forwarded",
];

const MAX_HOPS = 10;

/**
 * Reads TRUSTED_PROXIES: unset or "0" trusts no one; a whole number is the count of proxies in
 * front of the app; otherwise a comma-separated list of IP addresses and CIDR ranges.
 * @param {string | undefined} value
 * @returns {{ ok: true; trust: Trust } | { ok: false; message: string }}
 */
export function parseTrustedProxies(value) {
  const text = (value ?? "").trim();
  if (!text) return { ok: true, trust: { hops: 0 } };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) return { ok: false, message: `at most ${MAX_HOPS} hops` };
    return { ok: true, trust: { hops } };
  }
  const ranges = new BlockList();
  for (const entry of text.split(",").map((e) => e.trim())) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || !/^\d+$/.test(prefix ?? String(bits)) || bits > (family === 6 ? 128 : 32)) {
      return {
        ok: false,
        message: `"${entry}" is neither an IP address nor a CIDR range (use a hop count like 1, or e.g. 10.0.0.0/8, ::1)`,
      };
    }
    ranges.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return { ok: true, trust: { ranges, declared: text } };
}

/**
 * An address as sockets and proxies write it, reduced to the bare IP: IPv4-mapped IPv6
 * ("::ffff:10.0.0.1"), brackets and ports ("[::1]:443", "10.0.0.1:5000") are taken off.
 * @param {string} raw
 */
export function normalizeAddress(raw) {
  let address = raw.trim().replace(/^"|"$/g, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1] ?? address;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(address)) address = address.slice(7);
  return address.toLowerCase();
}

/**
 * Whether the peer at `address` is a declared proxy. With a hop count, the nearest peer always
 * is one (the operator said so); with a list, only the listed addresses are.
 * @param {Trust} trust
 * @param {string} address
 */
export function isTrustedProxy(trust, address) {
  if ("hops" in trust) return trust.hops > 0;
  const bare = normalizeAddress(address);
  const family = isIP(bare);
  return family !== 0 && trust.ranges.check(bare, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address from an X-Forwarded-For whose last entry is the socket's peer (as the
 * server entry writes it): with a hop count, that many entries in from the right of the peer;
 * with a list, the right-most entry that is not a declared proxy. Entries further left were
 * written by the client and prove nothing.
 * @param {string | null | undefined} forwardedFor
 * @param {Trust} trust
 * @returns {string | null}
 */
export function clientFromForwardedFor(forwardedFor, trust) {
  const entries = (forwardedFor ?? "").split(",").map(normalizeAddress).filter(Boolean);
  if (!entries.length) return null;
  if ("hops" in trust) return entries[Math.max(0, entries.length - 1 - trust.hops)] ?? null;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (!isTrustedProxy(trust, entries[i] ?? "")) return entries[i] ?? null;
  }
  return entries[0] ?? null;
}

/**
 * Rewrites one request's forwarding headers in place before Next.js sees them: a declared proxy's
 * are kept and the peer is appended to X-Forwarded-For; anyone else's are dropped and
 * X-Forwarded-For becomes the peer alone. Says whether an undeclared peer sent any.
 * @param {Record<string, string | string[] | undefined>} headers
 * @param {string | undefined} peer
 * @param {Trust} trust
 * @returns {{ ignored: string[] }}
 */
export function rewriteForwardingHeaders(headers, peer, trust) {
  const address = normalizeAddress(peer ?? "") || "unknown";
  if (isTrustedProxy(trust, address)) {
    const forwarded = [headers["x-forwarded-for"]].flat().filter(Boolean).join(", ");
    headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${address}` : address;
    return { ignored: [] };
  }
  const ignored = FORWARDING_HEADERS.filter((name) => headers[name] !== undefined);
  for (const name of ignored) delete headers[name];
  headers["x-forwarded-for"] = address;
  return { ignored };
}
