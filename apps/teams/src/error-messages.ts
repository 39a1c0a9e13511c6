import { type ErrorCode, isAppError } from "@countersign/approvals";

// The one place engine error codes become words a Teams user reads.
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  self_approval: "You cannot decide a request you made or that was made on your behalf.",
  not_an_approver: "You are not an approver for this request.",
  already_decided: "This request has already been decided (or has expired).",
  reason_required: "This rule needs a reason to deny: type one in the Reason box, then press Deny.",
  not_found: "That request does not exist.",
  validation_failed: "That request is not valid",
  forbidden: "You are not allowed to do that.",
  rate_limited: "Too many requests right now; try again in a minute.",
  conflict: "Someone else is acting on this request right now; try again.",
};

export function teamsMessageFor(error: unknown): string {
  if (isAppError(error)) {
    const base = MESSAGES[error.code] ?? error.message;
    if (error.code === "validation_failed" && error.errors?.length) {
      return `${base}: ${error.errors.map((e) => `${e.path} ${e.message}`).join("; ")}`;
    }
    return error.code === "validation_failed" ? `${base}: ${error.message}` : base;
  }
  return "Something went wrong on our side; nothing was changed. Try again shortly.";
}
