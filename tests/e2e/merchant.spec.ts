// The merchant console end to end, as staff use it: the owner signs in and creates an agent
// and a viewer; the viewer reads but a forged approve (the real server action, replayed with
// the viewer's session or none) is refused and changes nothing; the agent approves #1012 with
// a partial refund and restock; the owner cancels #1005 as fraud; #1010's failed refund is
// retried; analytics draws charts whose CSV has the same numbers.
import AxeBuilder from "@axe-core/playwright";
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  request,
  test,
} from "@playwright/test";
import { lookUp } from "./shopper-helpers";

test.describe.configure({ mode: "serial" });

const OWNER = { email: "owner@nordlys.example", password: "aftercare-demo" };
const AGENT = {
  email: "agnes.agent@nordlys.example",
  name: "Agnes Agent",
  password: "agent-password-1",
  role: "agent",
};
const VIEWER = {
  email: "vilde.viewer@nordlys.example",
  name: "Vilde Viewer",
  password: "viewer-password-1",
  role: "viewer",
};

const baseURL = () => test.info().project.use.baseURL!;

async function signIn(
  browser: Browser,
  who: { email: string; password: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseURL() });
  const page = await context.newPage();
  await page.goto("/merchant");
  await expect(page).toHaveURL(/\/merchant\/sign-in\?callbackUrl=%2Fmerchant$/);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Good to see you");
  return { context, page };
}

let owner: { context: BrowserContext; page: Page };

test.afterAll(async () => {
  await owner?.context.close();
});

test("a signed-out request to any console page or export goes to the sign-in page", async ({
  playwright,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL: baseURL() });
  for (const path of [
    "/merchant",
    "/merchant/requests",
    "/merchant/orders/1005",
    "/merchant/settings",
    "/merchant/staff",
    "/merchant/audit/export",
  ]) {
    const response = await anonymous.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers().location, path).toContain("/merchant/sign-in?callbackUrl=");
  }
  await anonymous.dispose();
});

test("the owner signs in and creates an agent and a viewer", async ({ browser }) => {
  owner = await signIn(browser, OWNER);
  const { page } = owner;
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();
  for (const member of [AGENT, VIEWER]) {
    await page.getByRole("button", { name: "Add staff member" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a staff member" });
    await dialog.getByLabel("E-mail").fill(member.email);
    await dialog.getByLabel("Name").fill(member.name);
    await dialog.getByLabel("Role").selectOption(member.role);
    await dialog.getByLabel("Password").fill(member.password);
    await dialog.getByRole("button", { name: "Add staff member" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("row").filter({ hasText: member.name });
    await expect(row.getByRole("combobox", { name: `Role of ${member.name}` })).toHaveValue(member.role);
  }
});

type Captured = { url: string; headers: Record<string, string>; body: Buffer };

/** Clicks the agent's approve button but stops the request at the browser, keeping a copy. */
async function captureApprove(page: Page): Promise<Captured> {
  let captured: Captured | undefined;
  await page.route("**/merchant/requests/**", async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      captured = {
        url: req.url(),
        headers: await req.allHeaders(),
        body: req.postDataBuffer() ?? Buffer.alloc(0),
      };
      await route.abort();
      return;
    }
    await route.continue();
  });
  await page.getByRole("button", { name: /^Approve and refund/ }).click();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unrouteAll({ behavior: "wait" });
  return captured!;
}

async function replay(api: APIRequestContext, captured: Captured) {
  const { cookie: _c, "content-length": _l, host: _h, ...headers } = captured.headers;
  const response = await api.post(captured.url, { headers, data: captured.body, maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
}

test("the viewer reads the queue, a forged approve is refused, then the agent approves #1012 with a partial refund and restock", async ({
  browser,
}) => {
  const viewer = await signIn(browser, VIEWER);
  const agent = await signIn(browser, AGENT);

  // The viewer sees #1012 waiting, but no way to decide it.
  await viewer.page.goto("/merchant/requests");
  const queue = viewer.page.getByRole("table", { name: "Requests" });
  await expect(queue.getByRole("link", { name: "Return request for order #1012" })).toBeVisible();
  await expect(viewer.page.getByRole("button", { name: "Approve selected" })).toHaveCount(0);
  await queue.getByRole("link", { name: "Return request for order #1012" }).click();
  await expect(viewer.page.getByText("Viewers can read requests but not decide them.")).toBeVisible();
  await expect(viewer.page.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  const requestUrl = viewer.page.url();

  // The agent fills in a partial refund: the parka only, restocked; the socks stay with the shopper.
  await agent.page.goto(requestUrl);
  const decision = agent.page.getByRole("region", { name: "Decision" });
  await decision.getByLabel("Refund now").check();
  await decision.getByLabel("Refund quantity for Trail Socks (3-pack)").fill("0");
  await decision.getByLabel("Refund quantity for Polar Down Parka").fill("1");
  await decision.getByLabel("Restock quantity for Polar Down Parka").fill("1");
  const button = decision.getByRole("button", { name: /^Approve and refund/ });
  const label = (await button.textContent())!;
  expect(label).toMatch(/Approve and refund NOK\s?[\d,]+\.\d\d/);

  // Replay that exact server action with the viewer's session, and with none: both refused.
  const captured = await captureApprove(agent.page);
  const asViewer = await replay(viewer.context.request, captured);
  expect(asViewer.text).toContain('"code":"forbidden"');
  const anonymous = await request.newContext({ baseURL: new URL(captured.url).origin });
  const asNobody = await replay(anonymous, captured);
  expect(asNobody.text).toContain('"code":"unauthorized"');
  await anonymous.dispose();

  // Nothing changed: still waiting for a decision, no refund on the order.
  await viewer.page.reload();
  await expect(viewer.page.getByRole("heading", { level: 1 })).toContainText("Needs decision");
  await expect(viewer.page.getByRole("region", { name: "Refunds" })).toHaveCount(0);

  // Now the agent approves for real.
  await agent.page.reload();
  await decision.getByLabel("Refund now").check();
  await decision.getByLabel("Refund quantity for Trail Socks (3-pack)").fill("0");
  await decision.getByLabel("Restock quantity for Polar Down Parka").fill("1");
  await expect(button).toHaveText(label);
  await button.click();
  // Refunding, or already Completed when the sandbox settled the refund at once.
  await expect(agent.page.getByRole("heading", { level: 1 })).toContainText(/Refunding|Completed/);
  const refunds = agent.page.getByRole("region", { name: "Refunds" });
  await expect(refunds).toContainText(label.replace("Approve and refund ", "").trim());
  await expect(agent.page.getByRole("region", { name: "Request timeline" })).toContainText(
    "Request approved",
  );
  await expect(agent.page.getByRole("region", { name: "Request timeline" })).toContainText(AGENT.name);

  // The shopper's page for #1012 shows the refund on its timeline.
  const shopper = await browser.newPage({ baseURL: baseURL() });
  await lookUp(shopper, "1012", "frida@example.com");
  const entry = shopper.getByRole("region", { name: "Requests and refunds" }).getByRole("article").first();
  await expect(entry).toContainText(/Refund/);
  await expect(entry).not.toContainText("Waiting for the store's decision");
  // A partial refund says so, names what was left out, and claims no parcel that never came back.
  await expect(entry).toContainText(/Partial refund: NOK\s?[\d,.]+ of the NOK\s?[\d,.]+ you asked for\./);
  await expect(entry).toContainText(/Not refunded: Trail Socks \(3-pack\) \([^)]*\) × 1\./);
  await expect(entry.getByText("Done: No need to send the items back", { exact: true })).toBeVisible();
  await expect(entry).not.toContainText("Items received");
  await shopper.close();
  await viewer.context.close();
  await agent.context.close();
});

test("the owner cancels #1005 as fraud: cancelled, refunded, restocked, noted in the audit log", async ({
  browser,
}) => {
  const { page } = owner;
  await page.goto("/merchant/risk");
  const row = page.getByRole("row").filter({ hasText: "#1005" });
  await expect(row).toContainText("High risk");
  await row.getByRole("button", { name: "Cancel as fraud…" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel #1005 as fraud" });
  await dialog
    .getByLabel("Note for the audit log")
    .fill("Three cards within an hour; billing and shipping countries differ");
  await dialog.getByRole("button", { name: "Cancel, refund and restock" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Risky orders" })).not.toContainText("#1005");

  await page.goto("/merchant/orders/1005");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Cancelled");
  await expect(page.getByText("reason: Fraud")).toBeVisible();
  await expect(page.getByRole("table", { name: "Refunds" })).toContainText("NOK");
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Items restocked");

  await page.goto("/merchant/audit?type=order.cancelled");
  const audit = page.getByRole("table", { name: "Audit events" });
  await expect(audit.getByRole("row").filter({ hasText: "#1005" })).toContainText(
    "Three cards within an hour",
  );

  // The shopper is told why, and no longer that the order is being reviewed.
  const shopper = await browser.newPage({ baseURL: baseURL() });
  await lookUp(shopper, "1005", "chen@example.com");
  await expect(
    shopper.getByText(/because our payment checks flagged it as possibly fraudulent/),
  ).toBeVisible();
  await expect(shopper.getByText("This order is being reviewed by the store.")).toHaveCount(0);
  await shopper.close();
});

test("#1010's failed refund shows the bank's reason and is retried from the monitor", async () => {
  const { page } = owner;
  await page.goto("/merchant/refunds");
  const row = page.getByRole("row").filter({ hasText: "#1010" });
  await expect(row).toContainText("Failed");
  await expect(row).toContainText("The card has expired.");
  await row.getByRole("button", { name: "Retry the refund on #1010" }).click();
  // The retry is audited with the owner as actor (the refund itself may fail again: the card is still expired).
  await expect(async () => {
    await page.goto("/merchant/audit?type=refund.retried");
    await expect(
      page.getByRole("table", { name: "Audit events" }).getByRole("row").filter({ hasText: "#1010" }),
    ).toContainText("Owner", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
});

test("analytics draws the demo data and its CSV has the chart's numbers", async () => {
  const { page, context } = owner;
  await page.goto("/merchant/analytics?preset=30d");
  const chart = page.getByRole("figure", { name: "Requests and refunds per day" });
  await expect(chart.getByRole("application")).toBeVisible();
  await expect(chart.locator(".recharts-line")).toHaveCount(2);
  await chart.getByText("Show the numbers").click();
  const rows = await chart.getByRole("row").allTextContents();
  const series = new Map(
    (
      await chart
        .locator("tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
        )
    ).map(([bucket, requests, , , refunds]) => [
      bucket!,
      { requests: Number(requests), refunds: Number(refunds) },
    ]),
  );
  expect(rows.length).toBe(31); // header + 30 days
  expect([...series.values()].some((p) => p.requests > 0)).toBe(true);

  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const csv = await (await context.request.get(href!)).text();
  const lines = csv
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
  expect(lines[0]).toEqual(["section", "key", "metric", "value"]);
  for (const [bucket, point] of series) {
    const value = (metric: string) =>
      Number(lines.find((l) => l[0] === "series" && l[1] === bucket && l[2] === metric)?.[3]);
    expect(value("requests"), bucket).toBe(point.requests);
    expect(value("refunds"), bucket).toBe(point.refunds);
  }
});

test("console pages have no serious accessibility violations", async ({ browser }) => {
  const check = async (page: Page, name: string) => {
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
      .analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map(
        (v) => `${name}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
      ),
    ).toEqual([]);
  };
  const signedOut = await browser.newContext({ baseURL: baseURL() });
  const signInPage = await signedOut.newPage();
  await signInPage.goto("/merchant/sign-in");
  await check(signInPage, "sign-in");
  await signedOut.close();

  const { page } = owner;
  for (const path of [
    "/merchant",
    "/merchant/requests?view=all",
    "/merchant/orders",
    "/merchant/orders/1002",
    "/merchant/risk",
    "/merchant/refunds?status=all",
    "/merchant/analytics",
    "/merchant/audit",
    "/merchant/outbox",
    "/merchant/settings",
    "/merchant/staff",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await check(page, path);
  }
  await page.goto("/merchant/requests?view=all&q=1012");
  await page.getByRole("link", { name: "Return request for order #1012" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("#1012");
  await check(page, "request #1012");
});
