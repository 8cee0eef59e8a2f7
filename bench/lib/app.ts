// The app under test: one production build in a snapshot of the work tree (so nobody's next
// `next build` in the checkout swaps files under a running benchmark), and `next start` on it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sleep } from "./time";

export const BENCH_ROOT = process.env.BENCH_ROOT ?? "/tmp/aftercare-bench";
export const AUTH_SECRET = "bench-only-secret-0123456789abcdef0123456789";
export const OWNER = { email: "owner@nordlys.example", password: "aftercare-demo" };

// Tests and benchmarks are not part of the app (and a colleague's half-written test must not fail the build).
const EXCLUDES = [
  ".git",
  "node_modules",
  ".next",
  ".data",
  "test-results",
  "playwright-report",
  "bench",
  "tests",
  "*.tsbuildinfo",
];

/** A built copy of the app; reused while its source snapshot is unchanged unless `rebuild`. */
export async function prepareBuild(options: { rebuild?: boolean } = {}): Promise<string> {
  if (process.env.BENCH_APP_DIR) return process.env.BENCH_APP_DIR;
  const appDir = path.join(BENCH_ROOT, "app");
  const built = fs.existsSync(path.join(appDir, ".next", "BUILD_ID"));
  if (built && !options.rebuild) {
    console.log(`using the production build in ${appDir} (--rebuild to build again)`);
    return appDir;
  }
  fs.mkdirSync(appDir, { recursive: true });
  execFileSync("rsync", [
    "-a",
    "--delete",
    ...EXCLUDES.flatMap((e) => ["--exclude", `/${e}`]),
    "./",
    `${appDir}/`,
  ]);
  for (const stale of ["bench", "tests", ".next", "tsconfig.tsbuildinfo"]) {
    fs.rmSync(path.join(appDir, stale), { recursive: true, force: true });
  }
  if (!fs.existsSync(path.join(appDir, "node_modules"))) {
    // Hard links: a full copy in seconds, no symlink for the bundler to refuse.
    execFileSync("cp", ["-al", path.resolve("node_modules"), path.join(appDir, "node_modules")]);
  }
  if (!process.env.BENCH_TYPECHECK) skipTypecheck(appDir);
  addFloorRoutes(appDir);
  await waitForOtherBuilds();
  console.log(`next build in ${appDir} …`);
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd: appDir,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return appDir;
}

/** The framework's floor: a shopper page and a route handler that read nothing (bench/floor/). */
export const FLOOR_PAGE = "/bench-floor";
export const FLOOR_ROUTE = "/bench-floor/json";

function addFloorRoutes(appDir: string) {
  const page = path.join(appDir, "app", "(shop)", "bench-floor");
  const route = path.join(appDir, "app", "bench-floor", "json");
  fs.mkdirSync(page, { recursive: true });
  fs.mkdirSync(route, { recursive: true });
  fs.copyFileSync(path.resolve("bench/floor/page.tsx"), path.join(page, "page.tsx"));
  fs.copyFileSync(path.resolve("bench/floor/route.ts"), path.join(route, "route.ts"));
}

/**
 * The work tree is shared with colleagues mid-change: their half-typed files must not stop the
 * benchmark build. `tsc --noEmit` checks types; this build only needs to compile.
 */
function skipTypecheck(appDir: string) {
  const config = path.join(appDir, "next.config.js");
  const text = fs.readFileSync(config, "utf8");
  if (text.includes("ignoreBuildErrors")) return;
  fs.writeFileSync(
    config,
    text.replace("const nextConfig = {", "const nextConfig = {\n  typescript: { ignoreBuildErrors: true },"),
  );
}

/** This machine has two cores: never build beside another `next build`. */
async function waitForOtherBuilds() {
  for (let i = 0; i < 120; i++) {
    let busy = "";
    try {
      busy = execFileSync("pgrep", ["-f", "next/dist/bin/next build|next build"], {
        encoding: "utf8",
      }).trim();
    } catch {
      busy = "";
    }
    if (!busy) return;
    if (i === 0) console.log("another next build is running; waiting …");
    await sleep(5000);
  }
}

export type AppServer = { url: string; process: ChildProcess; stop(): Promise<void> };

export type AppDatabase = { dataDir: string } | { databaseUrl: string };

/** `next start` on 127.0.0.1 with the bench secret and owner, on PGlite or PostgreSQL. */
export async function startApp(
  appDir: string,
  db: AppDatabase,
  options: { port?: number; workers?: "inline" | "off"; logFile?: string; nodeArgs?: string[] } = {},
): Promise<AppServer> {
  const port = options.port ?? 3400;
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AFTERCARE_DEMO: "true",
    AUTH_SECRET,
    AUTH_URL: url,
    NEXTAUTH_URL: url,
    AFTERCARE_ADMIN_EMAIL: OWNER.email,
    AFTERCARE_ADMIN_PASSWORD: OWNER.password,
    AFTERCARE_WORKERS: options.workers ?? "inline",
    DATA_DIR: "dataDir" in db ? db.dataDir : path.join(BENCH_ROOT, "pg-side-data"),
    DATABASE_URL: "databaseUrl" in db ? db.databaseUrl : "",
  };
  const log = fs.openSync(options.logFile ?? path.join(BENCH_ROOT, `next-${port}.log`), "a");
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      "node_modules/next/dist/bin/next",
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: appDir,
      env,
      stdio: ["ignore", log, log],
    },
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    for (let i = 0; i < 100 && child.exitCode === null; i++) await sleep(100);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  await waitForHealth(url, child).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, process: child, stop };
}

export async function waitForHealth(url: string, child?: ChildProcess, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} before it was healthy`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} was not healthy within ${timeoutMs / 1000} s`);
}
