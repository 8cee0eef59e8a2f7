// Every /api/v1 route handler is built here, so each one gets the same steps in the same order:
// API key (401) → scope (403) → per-key rate limit (429) → path and query (422) → body size
// (413), type (415), JSON (400) and schema (422) → Idempotency-Key on POST → the domain command.
import type { z } from "zod";
import type { AuthenticatedKey } from "@/lib/api-keys/commands";
import { authenticateApiKey } from "@/lib/api-keys/commands";
import type { ApiKeyScope } from "@/lib/api-keys/schemas";
import { type Db, getDb } from "@/lib/db";
import { DEMO_STORE_ID } from "@/lib/demo/catalog";
import { isDomainError } from "@/lib/errors";
import type { Actor } from "@/lib/events/record";
import { hit } from "@/lib/rate-limit/limiter";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/text";
import { canonicalJson, parseJsonBody, readBodyText } from "./body";
import { ApiError, fromDomainError, validationError } from "./errors";
import { checkIdempotencyKey, type Reply, runIdempotent } from "./idempotency";

export type { Reply } from "./idempotency";

export const API_RATE_LIMIT = { limit: 600, windowMs: 60_000 };

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ApiContext<B, Q, P> = {
  db: Db;
  key: AuthenticatedKey;
  /** API keys act as themselves in the audit log. */
  actor: Actor;
  /** One store per deployment. */
  storeId: string;
  body: B;
  query: Q;
  params: P;
};

export type RouteSpec<
  B extends Schema | undefined,
  Q extends Schema | undefined,
  P extends Schema | undefined,
> = {
  scope: ApiKeyScope;
  body?: B;
  query?: Q;
  params?: P;
};

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

export function apiRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(spec: RouteSpec<B, Q, P>, run: (ctx: ApiContext<Out<B>, Out<Q>, Out<P>>) => Promise<Reply>) {
  return async (request: Request, context?: NextContext): Promise<Response> => {
    try {
      const db = await getDb();
      const key = await authenticate(db, request);
      if (!key.scopes.includes(spec.scope)) {
        throw new ApiError("forbidden", `This API key lacks the "${spec.scope}" scope.`);
      }
      const limit = await hit(db, `api:${key.id}`, API_RATE_LIMIT);
      if (!limit.allowed) {
        throw new ApiError(
          "rate_limited",
          `Too many requests: at most ${API_RATE_LIMIT.limit} a minute per key.`,
          undefined,
          {
            "Retry-After": String(Math.max(1, Math.ceil(limit.retryAfterMs / 1000))),
          },
        );
      }
      const params = parse(spec.params as P, (await context?.params) ?? {}, "The path is not valid.");
      const query = parse(
        spec.query as Q,
        Object.fromEntries(new URL(request.url).searchParams),
        "The query is not valid.",
      );
      const base = {
        db,
        key,
        actor: { type: "api" as const, id: key.id },
        storeId: DEMO_STORE_ID,
        params,
        query,
      };
      if (request.method !== "POST") {
        return respond(await run({ ...base, body: undefined as Out<B> }), limit.remaining);
      }
      const raw = parseJsonBody(await readBodyText(request), request.headers.get("content-type"));
      const body = parse(spec.body as B, raw, "The body is not valid.");
      const idempotencyKey = checkIdempotencyKey(request.headers.get("idempotency-key"));
      const reply = idempotencyKey
        ? await runIdempotent(
            db,
            {
              apiKeyId: key.id,
              key: idempotencyKey,
              method: request.method,
              path: new URL(request.url).pathname,
              canonicalBody: canonicalJson(raw),
            },
            (tx) => run({ ...base, db: tx, body }),
          )
        : await run({ ...base, body });
      return respond(reply, limit.remaining);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

async function authenticate(db: Db, request: Request): Promise<AuthenticatedKey> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
  const challenge = { "WWW-Authenticate": 'Bearer realm="aftercare"' };
  if (!match) {
    throw new ApiError(
      "unauthorized",
      "Send an API key as Authorization: Bearer <key>.",
      undefined,
      challenge,
    );
  }
  const key = await authenticateApiKey(db, match[1]!);
  if (!key)
    throw new ApiError("unauthorized", "This API key is not valid or was revoked.", undefined, challenge);
  return key;
}

function parse<S extends Schema | undefined>(schema: S, raw: unknown, message: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const unstorable = findUnstorableText(raw);
  if (unstorable) throw validationError([{ path: unstorable, message: UNSTORABLE_TEXT_MESSAGE }], message);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues, message);
  return parsed.data as Out<S>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

function respond(reply: Reply, remaining: number): Response {
  return json(reply.status, reply.body, {
    "X-RateLimit-Limit": String(API_RATE_LIMIT.limit),
    "X-RateLimit-Remaining": String(remaining),
    ...reply.headers,
  });
}

function errorResponse(error: unknown): Response {
  const apiError = error instanceof ApiError ? error : isDomainError(error) ? fromDomainError(error) : null;
  if (apiError) return json(apiError.status, apiError.body(), apiError.headers);
  console.error("[aftercare] API request failed", error);
  return json(500, {
    error: { code: "internal_error", message: "Something went wrong on our side. Try again." },
  });
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
