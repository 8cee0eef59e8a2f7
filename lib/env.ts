// Configuration from the environment, validated once at start (instrumentation.ts) with one
// clear message per bad variable. Nothing here reads secrets from the repository.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "./net/forwarding.js";

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(" or ")}`,
    })
    .optional();

const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Set by `npm run demo`: a local demo on a production build may use the documented defaults. */
  AFTERCARE_DEMO: flag,
  DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
  /** `false` behind a pooler that drops a connection's named statements (PgBouncer transaction mode < 1.21). */
  DATABASE_PREPARED_STATEMENTS: flag.default(true),
  DATA_DIR: z.string().min(1).default(".data"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUTH_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  AFTERCARE_ADMIN_EMAIL: z.string().email().optional(),
  AFTERCARE_ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  AFTERCARE_API_KEY: z.string().min(24, "must be at least 24 characters").optional(),
  AFTERCARE_SEED_DEMO: flag.default(true),
  AFTERCARE_WORKERS: z.enum(["inline", "off"]).default("inline"),
  SMTP_URL: optionalUrl(["smtp", "smtps"]),
  MAIL_FROM: z.string().min(3).default("Nordlys Supply <no-reply@aftercare.local>"),
  REDIS_URL: optionalUrl(["redis", "rediss"]),
  PAYMENT_GATEWAY: z.enum(["sandbox", "stripe"]).default("sandbox"),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  SANDBOX_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** Webhooks to loopback and private addresses; default: allowed outside production only. */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
  /** The proxies in front of the app: a hop count or IPs/CIDRs (README, "Behind a proxy"). */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustedProxies(value);
      if (parsed.ok) return parsed.trust;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }),
});

export type Env = z.infer<typeof envSchema> & {
  /** Production means a real deployment: no demo defaults, no generated secrets. */
  isProduction: boolean;
  webhookAllowPrivateTargets: boolean;
  authSecret: string;
  adminEmail?: string;
  adminPassword?: string;
};

export const DEMO_ADMIN_EMAIL = "owner@nordlys.example";
export const DEMO_ADMIN_PASSWORD = "aftercare-demo";

export class EnvError extends Error {
  constructor(public issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production" && !e.AFTERCARE_DEMO;
  const issues: string[] = [];
  if (isProduction && !e.AUTH_SECRET) issues.push("AUTH_SECRET: required in production");
  if (isProduction && !e.AFTERCARE_ADMIN_PASSWORD && e.AFTERCARE_ADMIN_EMAIL) {
    issues.push("AFTERCARE_ADMIN_PASSWORD: required with AFTERCARE_ADMIN_EMAIL in production");
  }
  if (e.PAYMENT_GATEWAY === "stripe" && !e.STRIPE_SECRET_KEY) {
    issues.push("STRIPE_SECRET_KEY: required when PAYMENT_GATEWAY=stripe");
  }
  if (issues.length) throw new EnvError(issues);
  return {
    ...e,
    isProduction,
    webhookAllowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? !isProduction,
    authSecret: e.AUTH_SECRET ?? localAuthSecret(e.DATA_DIR),
    adminEmail: e.AFTERCARE_ADMIN_EMAIL ?? (isProduction ? undefined : DEMO_ADMIN_EMAIL),
    adminPassword: e.AFTERCARE_ADMIN_PASSWORD ?? (isProduction ? undefined : DEMO_ADMIN_PASSWORD),
  };
}

/** A local run keeps a generated secret in the data dir so sessions survive restarts. */
function localAuthSecret(dataDir: string): string {
  const file = path.join(path.resolve(dataDir), "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
