import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests drive the production build (`next build` + `node server.js`) on a fresh data
// dir with the demo store. Debian's Chromium is used when present; Playwright's own browser
// still works for people who have it installed.
const PORT = Number(process.env.E2E_PORT ?? 3210);
// The app sends mail to an SMTP server that tests/e2e/withdrawal.spec.ts runs on this port; while
// no spec listens, deliveries fail and are retried, which no other spec depends on.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** A full-scope API key the server provisions, for specs that import orders through the API. */
export const E2E_API_KEY = "e2e-only-api-key-0123456789abcdef";
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "aftercare-e2e-"));
process.env.E2E_DATA_DIR = dataDir; // workers re-read this config; keep one data dir per run
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /merchant.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    // The console specs change shared demo orders (#1005, #1010, #1012) that the shopper specs
    // read in their seeded state, so they run after them on the same server.
    {
      name: "merchant",
      testMatch: /merchant.*\.spec\.ts/,
      dependencies: ["chromium"],
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
  ],
  webServer: {
    command: "node server.js",
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      // The specs stand in for a proxy at 127.0.0.1 that names each test's client in
      // X-Forwarded-For (shopper-helpers.ts); spoofed-client.spec.ts connects from 127.0.0.2.
      TRUSTED_PROXIES: "127.0.0.1",
      DATA_DIR: dataDir,
      AFTERCARE_DEMO: "true",
      AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
      AUTH_URL: BASE_URL,
      NEXTAUTH_URL: BASE_URL,
      AFTERCARE_ADMIN_EMAIL: "owner@nordlys.example",
      AFTERCARE_ADMIN_PASSWORD: "aftercare-demo",
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      AFTERCARE_API_KEY: E2E_API_KEY,
    },
  },
});
