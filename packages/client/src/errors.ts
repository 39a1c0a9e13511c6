/** The closed set of error codes the API answers with (CONTRACT.md section 2). */
export const ERROR_CODES = [
  "validation_failed",
  "malformed_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "idempotency_mismatch",
  "self_approval",
  "not_an_approver",
  "already_decided",
  "reason_required",
  "token_used",
  "token_expired",
  "params_mismatch",
  "payload_too_large",
  "rate_limited",
  "internal",
  // Not from the server: the answer was not problem+json (a proxy's error page, say).
  "unexpected_response",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  path: string;
  message: string;
}

/** An `application/problem+json` body. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** The API refused: carries the problem+json body, with its stable `code`. */
export class CountersignError extends Error {
  override readonly name = "CountersignError";
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors: FieldError[];
  /** The body exactly as received (for a code this client does not know, `problem.code` has it). */
  readonly problem: Problem;

  constructor(problem: Problem) {
    const code = isErrorCode(problem.code) ? problem.code : "unexpected_response";
    const detail = problem.detail ?? problem.title ?? `HTTP ${problem.status}`;
    super(`${problem.code}: ${detail}`);
    this.status = problem.status;
    this.code = code;
    this.detail = detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }
}

/** countersign could not be reached at all (refused, DNS, TLS…); `cause` has the network error. */
export class CountersignUnreachableError extends Error {
  override readonly name = "CountersignUnreachableError";
  constructor(
    readonly baseUrl: string,
    cause: unknown,
  ) {
    super(`cannot reach countersign at ${baseUrl}: ${describeCause(cause)}`, { cause });
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

function describeCause(error: unknown): string {
  // fetch wraps the socket error ("connect ECONNREFUSED …") in a generic "fetch failed".
  const inner = (error as { cause?: unknown })?.cause;
  if (inner instanceof Error) return inner.message;
  return error instanceof Error ? error.message : String(error);
}
