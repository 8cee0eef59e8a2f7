// Drives the real /api/v1 route handlers in-process: each request goes through the module Next
// would run, against the test's own database (setDatabaseForTests).
import fs from "node:fs";
import path from "node:path";
import { createApiKey } from "@/lib/api-keys/commands";
import type { ApiKeyScope } from "@/lib/api-keys/schemas";
import { type Database, setDatabaseForTests } from "@/lib/db";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";

export const API_DIR = path.resolve(__dirname, "../../app/api/v1");

export type RouteFile = { file: string; pattern: string; regex: RegExp; names: string[] };

/** Every route.ts under app/api/v1, as an OpenAPI-style path ("/orders/{number}"). */
export function apiRouteFiles(): RouteFile[] {
  const files = (fs.readdirSync(API_DIR, { recursive: true }) as string[]).filter(
    (f) => path.basename(f) === "route.ts",
  );
  return files.map((rel) => {
    const segments = path.dirname(rel) === "." ? [] : path.dirname(rel).split(path.sep);
    const names: string[] = [];
    const pattern = `/${segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
    const regex = new RegExp(
      `^/${segments
        .map((s) => {
          const m = /^\[(.+)\]$/.exec(s);
          if (!m) return s.replace(/[.]/g, "\\.");
          names.push(m[1]!);
          return "([^/]+)";
        })
        .join("/")}$`,
    );
    return { file: path.join(API_DIR, rel), pattern, regex, names };
  });
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type ApiCall = {
  key?: string | null;
  body?: unknown;
  /** Sent as is (malformed JSON, oversized bodies). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
};

/** Response bodies are whatever JSON the API sent; tests assert their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON under test
export type AnyJson = any;

export type ApiResponse<T = AnyJson> = { status: number; body: T; headers: Headers };

export class ApiClient {
  constructor(public key: string) {}

  async request<T = AnyJson>(method: string, url: string, call: ApiCall = {}): Promise<ApiResponse<T>> {
    const [pathname] = url.split("?");
    const route = apiRouteFiles().find((r) => r.regex.test(pathname!));
    if (!route) throw new Error(`no route handler for ${pathname}`);
    const values = route.regex.exec(pathname!)!.slice(1);
    const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(values[i]!)]));
    const mod = (await import(route.file)) as Partial<Record<string, Handler>>;
    const handler = mod[method];
    if (!handler) throw new Error(`${route.pattern} has no ${method} handler`);
    const key = call.key === undefined ? this.key : call.key;
    const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}) };
    let body: string | Uint8Array | undefined = call.rawBody;
    if (call.body !== undefined) body = JSON.stringify(call.body);
    if (
      body !== undefined &&
      !Object.keys(call.headers ?? {}).some((h) => h.toLowerCase() === "content-type")
    ) {
      headers["content-type"] = "application/json";
    }
    const request = new Request(`http://localhost/api/v1${url}`, {
      method,
      headers: { ...headers, ...call.headers },
      body: body as BodyInit | undefined,
    });
    const response = await handler(request, { params: Promise.resolve(params) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  get = <T = AnyJson>(url: string, call?: ApiCall) => this.request<T>("GET", url, call);
  post = <T = AnyJson>(url: string, body?: unknown, call: ApiCall = {}) =>
    this.request<T>("POST", url, { ...call, body });
}

export async function apiClientFor(database: Database, scopes: ApiKeyScope[] = ["read", "write"]) {
  setDatabaseForTests(database);
  const { key, id } = await createApiKey(
    database.db,
    { name: `test ${scopes.join("+")}`, scopes },
    { type: "system" },
    DEMO_STORE_ID,
  );
  return Object.assign(new ApiClient(key), { keyId: id });
}

/** An order as a store's platform would send it; amounts in øre, placed three days ago. */
const PLACED_AT = new Date(Date.now() - 3 * 86_400_000).toISOString();

export function orderPayload(n: string, overrides: Record<string, unknown> = {}) {
  const placedAt = PLACED_AT;
  return {
    externalId: `shop-${n}`,
    number: n,
    email: `buyer${n}@example.com`,
    customerName: "Kari Nordmann",
    locale: "nb",
    currency: "NOK",
    placedAt,
    paidAt: placedAt,
    lines: [
      {
        sku: "NS-SWEATER-M",
        title: "Wool sweater",
        variantTitle: "M",
        quantity: 1,
        unitPrice: 89_900,
        tax: 22_475,
      },
      { sku: "NS-SOCKS-2", title: "Hiking socks", quantity: 2, unitPrice: 14_900, tax: 7_450 },
    ],
    shipping: 9_900,
    shippingTax: 2_475,
    payment: {
      gateway: "sandbox",
      reference: `pm_ok_${n}`,
      method: { type: "card", brand: "visa", last4: "4242" },
    },
    ...overrides,
  };
}
