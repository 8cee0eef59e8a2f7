// The API's one error shape, `{ "error": { "code", "message", "fields"? } }`, and the HTTP status
// each error code maps to. Domain errors keep their code; HTTP-level failures get their own.
import { type DomainError, type ErrorCode, type FieldErrors, zodFieldErrors } from "@/lib/errors";

export type ApiErrorCode =
  | ErrorCode
  | "malformed_json"
  | "payload_too_large"
  | "unsupported_media_type"
  | "idempotency_conflict"
  | "idempotency_in_progress"
  | "internal_error";

export type ApiErrorBody = { error: { code: ApiErrorCode; message: string; fields?: FieldErrors } };

const STATUS: Record<ApiErrorCode, number> = {
  invalid_input: 422,
  not_found: 404,
  conflict: 409,
  not_eligible: 409,
  limit_exceeded: 422,
  forbidden: 403,
  unauthorized: 401,
  rate_limited: 429,
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_conflict: 409,
  idempotency_in_progress: 409,
  internal_error: 500,
};

/** An error the API answers with; thrown anywhere below a route handler, caught by `apiRoute`. */
export class ApiError extends Error {
  constructor(
    public code: ApiErrorCode,
    message: string,
    public fields?: FieldErrors,
    public headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status() {
    return STATUS[this.code];
  }

  body(): ApiErrorBody {
    const fields = this.fields && Object.keys(this.fields).length > 0 ? this.fields : undefined;
    return { error: { code: this.code, message: this.message, ...(fields ? { fields } : {}) } };
  }
}

export const fromDomainError = (e: DomainError) => new ApiError(e.code, e.message, e.fieldErrors);

export function validationError(
  issues: { path: PropertyKey[]; message: string }[],
  message = "The request is not valid.",
) {
  return new ApiError("invalid_input", message, zodFieldErrors(issues));
}

export const statusOf = (code: ApiErrorCode) => STATUS[code];
