// Errors a user can cause are values with a stable code; programming errors throw plainly.
import type { z } from "zod";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "./text";
export type ErrorCode =
  | "invalid_input"
  | "not_found"
  | "conflict"
  | "forbidden"
  | "unauthorized"
  | "rate_limited"
  | "not_eligible"
  | "limit_exceeded";

export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    public code: ErrorCode,
    message: string,
    public fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export type Result<T> =
  { ok: true; data: T } | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** Field errors from a zod error, keyed by dotted path ("lines.0.quantity"). */
export function zodFieldErrors(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Parses a command's input; bad input becomes a DomainError with field-level messages. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const unstorable = findUnstorableText(raw);
  if (unstorable) {
    throw new DomainError(
      "invalid_input",
      "Please check the highlighted fields.",
      zodFieldErrors([{ path: unstorable, message: UNSTORABLE_TEXT_MESSAGE }]),
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(
      "invalid_input",
      "Please check the highlighted fields.",
      zodFieldErrors(parsed.error.issues),
    );
  }
  return parsed.data;
}
