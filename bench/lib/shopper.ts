// How the load reaches the shopper pages: the lookup form posted as a browser without
// JavaScript posts it (the server action answers 303 to the order page), and the order page and
// its status JSON with the signed per-order cookie a lookup sets.
import { createOrderAccessToken, ORDER_ACCESS_COOKIE, orderPath } from "@/lib/access/order-access";
import { AUTH_SECRET, OWNER } from "./app";
import type { Request } from "./load";
import type { SampleOrder } from "./stores";

/** Round-robin over the sample, so every request reads another order. */
export function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

type FormFields = { action: string; hidden: [string, string][] };

/** The lookup form's hidden server-action fields, read from the rendered page. */
export async function readLookupForm(url: string): Promise<FormFields> {
  const html = await (await fetch(`${url}/`)).text();
  // The header's language switcher is a form too: take the one with the e-mail field.
  const form = [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)].find((f) =>
    f[1]!.includes('name="email"'),
  );
  if (!form) throw new Error("no lookup form on the lookup page");
  const hidden: [string, string][] = [];
  for (const m of form[1]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? "";
    if (name) hidden.push([name, decodeHtml(value)]);
  }
  if (!hidden.some(([n]) => n.startsWith("$ACTION")))
    throw new Error("the lookup form carries no server action");
  return { action: "/", hidden };
}

const decodeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

export function lookupRequests(url: string, form: FormFields, sample: SampleOrder[]): () => Request {
  const next = cycle(sample);
  let n = 0;
  const boundary = "----aftercarebench";
  return () => {
    const order = next();
    const fields: [string, string][] = [...form.hidden, ["number", order.number], ["email", order.email]];
    const body =
      fields
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join("") + `--${boundary}--\r\n`;
    n++;
    return {
      path: form.action,
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        // One client per request: the lookup limit counts wrong attempts per client address.
        "x-forwarded-for": `198.18.${(n >> 8) & 255}.${n & 255}`,
        origin: url,
      },
      body,
    };
  };
}

const cookieFor = (order: SampleOrder) =>
  `${ORDER_ACCESS_COOKIE}=${createOrderAccessToken(order.id, AUTH_SECRET)}`;

export function orderPageRequests(sample: SampleOrder[], suffix = ""): () => Request {
  const withCookies = sample.map((o) => ({ path: `${orderPath(o.number)}${suffix}`, cookie: cookieFor(o) }));
  const next = cycle(withCookies);
  return () => {
    const o = next();
    return { path: o.path, headers: { cookie: o.cookie } };
  };
}

/** One lookup as a shopper makes it: a 303 to the order page and the order's access cookie. */
export async function lookupOnce(
  url: string,
  form: FormFields,
  number: string,
  email: string,
): Promise<string> {
  const request = lookupRequests(url, form, [{ id: "", number, email }])();
  const response = await fetch(`${url}${request.path}`, {
    method: "POST",
    headers: request.headers,
    body: request.body,
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${ORDER_ACCESS_COOKIE}=`));
  const location = response.headers.get("location") ?? "";
  if (response.status !== 303 || !cookie || !location.startsWith(orderPath(number))) {
    throw new Error(
      `lookup of #${number} answered ${response.status} → ${location} without an access cookie`,
    );
  }
  return cookie.split(";")[0]!;
}

/** Signs the demo owner in through next-auth's credentials callback; returns the Cookie header. */
export async function signIn(url: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!, value.join("="));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/staff-password`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email: OWNER.email, password: OWNER.password, json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((k) => k.endsWith("aftercare.session"))) {
    throw new Error(`sign-in failed (${response.status}): ${await response.text()}`);
  }
  return header();
}
