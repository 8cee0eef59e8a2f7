// Which client a request comes from: only declared proxies may name another address, and the
// entries a client writes itself (the left-most ones) never decide (lib/net/forwarding.js).
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import {
  clientFromForwardedFor,
  normalizeAddress,
  parseTrustedProxies,
  rewriteForwardingHeaders,
  type Trust,
} from "@/lib/net/forwarding.js";

const trust = (value: string): Trust => {
  const parsed = parseTrustedProxies(value);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.trust;
};

describe("TRUSTED_PROXIES", () => {
  it("reads a hop count or a list of addresses and CIDR ranges, and says what is wrong otherwise", () => {
    expect(parseTrustedProxies(undefined)).toEqual({ ok: true, trust: { hops: 0 } });
    expect(parseTrustedProxies("2")).toEqual({ ok: true, trust: { hops: 2 } });
    expect(parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1, 2400:cb00::/32").ok).toBe(true);
    for (const bad of ["nginx", "10.0.0.0/33", "::1/129", "10.0.0.0/", "11", "1.2.3"]) {
      expect(parseTrustedProxies(bad).ok, bad).toBe(false);
    }
  });

  it("is validated with the rest of the environment", () => {
    const base = { NODE_ENV: "test", AUTH_SECRET: "x".repeat(32) } as NodeJS.ProcessEnv;
    expect(parseEnv({ ...base, TRUSTED_PROXIES: "1" }).TRUSTED_PROXIES).toEqual({ hops: 1 });
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: "my-proxy" })).toThrow(EnvError);
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: "my-proxy" })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("the client's address", () => {
  it("with no proxy declared is the socket's peer, whatever the client wrote before it", () => {
    expect(clientFromForwardedFor("203.0.113.7, 10.0.0.1, 198.51.100.9", trust(""))).toBe("198.51.100.9");
    expect(clientFromForwardedFor("198.51.100.9", trust("0"))).toBe("198.51.100.9");
    expect(clientFromForwardedFor(null, trust(""))).toBeNull();
  });

  it("behind a hop count is that many entries in from the peer; prepended fakes change nothing", () => {
    const oneHop = trust("1");
    expect(clientFromForwardedFor("198.51.100.9, 10.0.0.2", oneHop)).toBe("198.51.100.9");
    expect(clientFromForwardedFor("6.6.6.6, 198.51.100.9, 10.0.0.2", oneHop)).toBe("198.51.100.9");
    expect(clientFromForwardedFor("1.1.1.1, 6.6.6.6, 198.51.100.9, 10.0.0.2", oneHop)).toBe("198.51.100.9");
    // Cloudflare in front of Nginx: two hops.
    expect(clientFromForwardedFor("6.6.6.6, 198.51.100.9, 172.68.1.1, 10.0.0.2", trust("2"))).toBe(
      "198.51.100.9",
    );
    // A platform that replaces the header with the client alone (Vercel): the one entry.
    expect(clientFromForwardedFor("198.51.100.9", oneHop)).toBe("198.51.100.9");
  });

  it("behind declared ranges is the right-most address outside them", () => {
    const ranges = trust("10.0.0.0/8, 127.0.0.1, 2400:cb00::/32");
    expect(clientFromForwardedFor("6.6.6.6, 198.51.100.9, 10.1.2.3, 127.0.0.1", ranges)).toBe("198.51.100.9");
    // A client naming a trusted address on its own side gains nothing.
    expect(clientFromForwardedFor("10.9.9.9, 198.51.100.9, 127.0.0.1", ranges)).toBe("198.51.100.9");
    expect(clientFromForwardedFor("2001:db8::5, 2400:cb00:1::1, 127.0.0.1", ranges)).toBe("2001:db8::5");
    // An undeclared peer is itself the client, whatever it forwarded.
    expect(clientFromForwardedFor("198.51.100.9, 192.0.2.1", ranges)).toBe("192.0.2.1");
    // Only proxies all the way: the furthest one is the best we know.
    expect(clientFromForwardedFor("10.0.0.5, 127.0.0.1", ranges)).toBe("10.0.0.5");
  });

  it("reads addresses as sockets and proxies write them", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress(" [2001:DB8::1]:443 ")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.1:5000")).toBe("192.0.2.1");
    expect(clientFromForwardedFor("::ffff:198.51.100.9", trust(""))).toBe("198.51.100.9");
  });
});

describe("the server entry's header rewrite", () => {
  it("drops every forwarding header an undeclared peer sends and names the peer instead", () => {
    const headers: Record<string, string | undefined> = {
      host: "shop.example",
      "x-forwarded-for": "1.2.3.4",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-real-ip": "1.2.3.4",
      forwarded: "for=1.2.3.4",
    };
    const { ignored } = rewriteForwardingHeaders(headers, "::ffff:192.0.2.1", trust("127.0.0.1"));
    expect(ignored).toEqual([
      "x-forwarded-for",
      "x-forwarded-host",
      "x-forwarded-proto",
      "x-real-ip",
      "forwarded",
    ]);
    expect(headers).toEqual({ host: "shop.example", "x-forwarded-for": "192.0.2.1" });
  });

  it("keeps a declared proxy's headers and appends the proxy to X-Forwarded-For", () => {
    const headers: Record<string, string | undefined> = {
      "x-forwarded-for": "6.6.6.6, 198.51.100.9",
      "x-forwarded-proto": "https",
    };
    const ranges = trust("127.0.0.1");
    expect(rewriteForwardingHeaders(headers, "127.0.0.1", ranges).ignored).toEqual([]);
    expect(headers).toEqual({
      "x-forwarded-for": "6.6.6.6, 198.51.100.9, 127.0.0.1",
      "x-forwarded-proto": "https",
    });
    expect(clientFromForwardedFor(headers["x-forwarded-for"], ranges)).toBe("198.51.100.9");
    const quiet: Record<string, string | undefined> = {};
    expect(rewriteForwardingHeaders(quiet, "192.0.2.1", trust("")).ignored).toEqual([]);
    expect(quiet).toEqual({ "x-forwarded-for": "192.0.2.1" });
  });
});
