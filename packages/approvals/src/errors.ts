// The closed set of error codes (CONTRACT.md section 2). Transports map them in one place each.
export const ERROR_STATUS = {
  validation_failed: 422,
  malformed_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_mismatch: 422,
  self_approval: 403,
  not_an_approver: 403,
  already_decided: 409,
  reason_required: 422,
  token_used: 409,
  token_expired: 410,
  params_mismatch: 422,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLES: Record<ErrorCode, string> = {
  validation_failed: "The request is not valid",
  malformed_request: "The request could not be read",
  unauthorized: "Missing or invalid API key",
  forbidden: "Not allowed",
  not_found: "Not found",
  conflict: "Conflict",
  idempotency_mismatch: "Idempotency-Key reused with a different body",
  self_approval: "You cannot decide your own request",
  not_an_approver: "You are not an approver for this request",
  already_decided: "Already decided",
  reason_required: "A reason is required",
  token_used: "Token already used",
  token_expired: "Token expired",
  params_mismatch: "Parameters differ from the approved ones",
  payload_too_large: "Request body too large",
  rate_limited: "Too many requests",
  internal: "Internal error",
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { errors?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(detail ?? ERROR_TITLES[code]);
    this.name = "AppError";
    this.code = code;
    this.errors = options.errors;
    this.extra = options.extra;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Thrown by a job (e.g. on a platform's 429) to be tried again after `delayMs`, not counted as a failure. */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    message = `retry in ${delayMs} ms`,
  ) {
    super(message);
    this.name = "RetryLaterError";
  }
}
