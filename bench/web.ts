// `npm run bench:web`: page weight of the shopper routes on the production build — first-load
// JavaScript (every script chunk the route's HTML loads, gzipped) — and Lighthouse (mobile
// profile, Debian's Chromium through chrome-launcher's CHROME_PATH) on the lookup and order pages.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { intFlag, parseFlags } from "./lib/args";
import { BENCH_ROOT, prepareBuild, startApp } from "./lib/app";
import { printTable, writeResult } from "./lib/report";
import { lookupOnce, readLookupForm } from "./lib/shopper";

const flags = parseFlags();
const BUDGET_KB = 120;

type Route = { name: string; path: string; cookie?: string };

async function firstLoadJs(url: string, route: Route) {
  const html = await (
    await fetch(`${url}${route.path}`, { headers: route.cookie ? { cookie: route.cookie } : {} })
  ).text();
  // Modern browsers skip `noModule` scripts (Next's legacy polyfills), so they are not first-load JS.
  const tags = [...html.matchAll(/<script[^>]*src="([^"]+\.js[^"]*)"[^>]*>/g)].filter(
    (m) => !/nomodule/i.test(m[0]),
  );
  const scripts = [...new Set(tags.map((m) => m[1]!))];
  let raw = 0;
  let gzip = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  // The RSC payload inlined in the HTML is not JavaScript code; it is counted in the HTML size.
  return {
    chunks: scripts.length,
    rawKb: raw / 1024,
    gzipKb: gzip / 1024,
    htmlGzipKb: gzipSync(html).length / 1024,
  };
}

async function lighthouseRun(url: string, route: Route, port: number) {
  const result = await lighthouse(
    `${url}${route.path}`,
    {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      extraHeaders: route.cookie ? { Cookie: route.cookie } : undefined,
    },
    undefined,
  );
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`lighthouse gave no result for ${route.path}`);
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? null;
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    fcpMs: metric("first-contentful-paint"),
    lcpMs: metric("largest-contentful-paint"),
    tbtMs: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    failedA11y: Object.values(lhr.audits)
      .filter((a) => a.score === 0 && lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id))
      .map((a) => a.id),
  };
}

async function main() {
  const appDir = await prepareBuild({ rebuild: Boolean(flags.rebuild) });
  const dataDir = path.join(BENCH_ROOT, "web-demo");
  fs.rmSync(dataDir, { recursive: true, force: true });
  // A fresh demo store: the server seeds it on first start.
  const app = await startApp(appDir, { dataDir }, { port: intFlag(flags, "port", 3410) });
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    const form = await readLookupForm(app.url);
    const cookieOf = (number: string, email: string) => lookupOnce(app.url, form, number, email);
    const [c1001, c1002] = [
      await cookieOf("1001", "ada@example.com"),
      await cookieOf("1002", "ada@example.com"),
    ];
    const routes: Route[] = [
      { name: "lookup /", path: "/" },
      { name: "order /orders/1002 (delivered)", path: "/orders/1002", cookie: c1002 },
      { name: "order /orders/1001 (unfulfilled)", path: "/orders/1001", cookie: c1001 },
      { name: "cancel form", path: "/orders/1001/cancel", cookie: c1001 },
      { name: "return form", path: "/orders/1002/return", cookie: c1002 },
      { name: "policy", path: "/policy" },
    ];
    const weights = [];
    for (const route of routes) weights.push({ route: route.name, ...(await firstLoadJs(app.url, route)) });
    printTable(
      "first-load JS per shopper route (gzipped, every script chunk the HTML loads)",
      weights.map((w) => ({
        route: w.route,
        chunks: w.chunks,
        "JS KB": w.rawKb,
        "JS KB gzip": w.gzipKb,
        [`≤ ${BUDGET_KB} KB`]: w.gzipKb <= BUDGET_KB ? "yes" : "NO",
        "HTML KB gzip": w.htmlGzipKb,
      })),
    );

    process.env.CHROME_PATH ??= "/usr/bin/chromium";
    chrome = await chromeLauncher.launch({
      chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    const audits = [];
    for (const route of [routes[0]!, routes[1]!, routes[2]!]) {
      // Warm the route once so the audit measures the page, not the first compile of a chunk.
      await fetch(`${app.url}${route.path}`, { headers: route.cookie ? { cookie: route.cookie } : {} });
      audits.push({ route: route.name, ...(await lighthouseRun(app.url, route, chrome.port)) });
    }
    printTable(
      "Lighthouse, mobile profile (simulated slow 4G, 4× CPU slowdown)",
      audits.map((a) => ({
        route: a.route,
        performance: a.performance,
        accessibility: a.accessibility,
        "FCP ms": a.fcpMs,
        "LCP ms": a.lcpMs,
        "TBT ms": a.tbtMs,
        CLS: a.cls,
        "failed a11y audits": a.failedA11y.join(", ") || "none",
      })),
    );
    const file = writeResult("web", { weights, audits });
    const worst = Math.max(...weights.map((w) => w.gzipKb));
    console.log(
      `\nsummary: first-load JS ≤ ${worst.toFixed(1)} KB gzip (budget ${BUDGET_KB}); Lighthouse performance ${audits.map((a) => a.performance).join("/")}, accessibility ${audits.map((a) => a.accessibility).join("/")}; ${path.relative(process.cwd(), file)}`,
    );
  } finally {
    await chrome?.kill();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:web failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
