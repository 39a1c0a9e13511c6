import type { FastifyError, FastifyReply } from "fastify";
import { ZodError } from "zod";
import { AppError, ERROR_STATUS, ERROR_TITLES, type ErrorCode, type FieldError } from "../errors";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function zodFieldErrors(error: ZodError, prefix = ""): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
      .join(".")
      .replace(/\.\[/g, "[");
    const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : null;
    return {
      path: [prefix, path].filter(Boolean).join(".") || "(root)",
      message: unknownKeys ? `unknown field(s): ${unknownKeys.join(", ")}` : issue.message,
    };
  });
}

/** The one mapping from any error to problem+json (CONTRACT.md section 2). Never leaks internals. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) return problem(error.code, error.message, error.errors, error.extra);
  if (error instanceof ZodError) return problem("validation_failed", "the request is not valid", zodFieldErrors(error));
  const fastifyError = error as Partial<FastifyError> | undefined;
  switch (fastifyError?.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return problem("payload_too_large", "the body is larger than 256 KiB");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return problem("malformed_request", "send the body as application/json");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return problem("malformed_request", "the JSON body is empty");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return problem("malformed_request", "the body is not valid JSON");
  }
  if (fastifyError?.statusCode === 400 || error instanceof SyntaxError) {
    // The JSON parser's own errors: malformed JSON, __proto__ or constructor.prototype keys.
    return problem("malformed_request", sanitizeParserMessage(fastifyError?.message));
  }
  if (fastifyError?.statusCode === 413) return problem("payload_too_large", "the body is too large");
  return problem("internal", "something went wrong; it has been logged");
}

function sanitizeParserMessage(message: string | undefined): string {
  if (!message) return "the body could not be parsed";
  if (/prototype/i.test(message)) return "the body contains a forbidden key (__proto__ or constructor.prototype)";
  return "the body is not valid JSON";
}

function problem(code: ErrorCode, detail: string, errors?: FieldError[], extra?: Record<string, unknown>): Problem {
  return {
    type: `https://countersign.dev/problems/${code.replace(/_/g, "-")}`,
    title: ERROR_TITLES[code],
    status: ERROR_STATUS[code],
    detail,
    code,
    ...(errors?.length ? { errors } : {}),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if (body.code === "rate_limited" && typeof body.retry_after === "number") {
    reply.header("retry-after", String(body.retry_after));
  }
  return reply.code(body.status).type("application/problem+json").send(body);
}
