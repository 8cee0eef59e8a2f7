// Rate limits against a client that lies about its address, on the real server entry (server.js,
// started with TRUSTED_PROXIES=127.0.0.1 by playwright.config.ts). A browser that reaches the app
// from 127.0.0.2, an undeclared peer, cannot become a new client by sending X-Forwarded-For; one
// behind the declared proxy cannot by prepending entries. A throttled staff password answers 429.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";

// Eleven lookups a test, on a production build that shares its machine.
test.describe.configure({ timeout: 180_000 });

const freshAddress = () =>
  `198.18.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

/** A forward proxy that passes requests on unchanged, from the source address 127.0.0.2. */
async function proxyFrom127002(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const target = new URL(req.url!);
    const headers = { ...req.headers };
    delete headers["proxy-connection"];
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers,
        localAddress: "127.0.0.2",
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

async function wrongLookup(page: Page, attempt: number) {
  await page.getByLabel("Order number").fill("4242");
  await page.getByLabel("E-mail address").fill(`guess-${attempt}@example.com`);
  await page.getByRole("button", { name: "Find order" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("couldn't find an order");
  await expect(page.getByRole("button", { name: "Find order" })).toBeEnabled();
}

async function expectRefused(page: Page) {
  await page.getByLabel("Order number").fill("1003");
  await page.getByLabel("E-mail address").fill("bo@example.com");
  await page.getByRole("button", { name: "Find order" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many attempts/);
  await expect(page).toHaveURL(/\/$/);
}

test("a fresh X-Forwarded-For on every attempt from an undeclared peer does not reset its count", async ({
  browser,
}) => {
  const proxy = await proxyFrom127002();
  const context = await browser.newContext({
    proxy: { server: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
  });
  const page = await context.newPage();
  await page.goto("/");
  for (let i = 1; i <= 10; i++) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": freshAddress(), "x-real-ip": freshAddress() });
    await wrongLookup(page, i);
  }
  await page.setExtraHTTPHeaders({ "x-forwarded-for": freshAddress() });
  await expectRefused(page);
  await context.close();
  proxy.close();
});

test("behind the declared proxy, entries a client prepends do not make it a new client", async ({ page }) => {
  const client = freshAddress();
  await page.goto("/");
  for (let i = 1; i <= 10; i++) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `${freshAddress()}, ${client}` });
    await wrongLookup(page, i);
  }
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `${freshAddress()}, ${freshAddress()}, ${client}` });
  await expectRefused(page);
});

test("a throttled staff password answers 429 with Retry-After, and the form offers an e-mail link", async ({
  page,
  request,
}) => {
  const email = `throttled-${Date.now()}@nordlys.example`;
  const headers = { "x-forwarded-for": freshAddress() };
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as {
    csrfToken: string;
  };
  const attempt = () =>
    request.post("/api/auth/callback/staff-password", {
      headers,
      form: { csrfToken, email, password: "wrong-password", json: "true" },
    });
  for (let i = 0; i < 10; i++) expect((await attempt()).status()).toBe(401);
  const refused = await attempt();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  await page.setExtraHTTPHeaders({ "x-forwarded-for": freshAddress() });
  await page.goto("/merchant/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("another-guess");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Sign in with an e-mail link now");
  await expect(page.getByRole("button", { name: "E-mail me a sign-in link" })).toBeVisible();
});
