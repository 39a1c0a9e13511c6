import { type ErrorCode, isAppError } from "@countersign/approvals";

// Every engine error code a Slack user can meet, in words for them: the one place they are mapped.
const MESSAGES: Partial<Record<ErrorCode, (detail: string) => string>> = {
  self_approval: () => "You can't decide this request: you made it, or it was made on your behalf.",
  not_an_approver: () =>
    "You're not an approver for this request. countersign matches the email on your Slack profile against the approvers the policy names.",
  already_decided: (detail) =>
    /expired|timed out/.test(detail)
      ? "This request has expired, so it can no longer be decided."
      : /already decided this/.test(detail)
        ? "You have already decided this request."
        : `This request is closed (${closedState(detail)}); it can no longer be decided.`,
  reason_required: () => "This rule requires a reason to deny. Click Deny again and give one.",
  not_found: () => "That request doesn't exist.",
  forbidden: (detail) => `Not allowed: ${detail}.`,
  validation_failed: (detail) => `That request isn't valid: ${detail}.`,
  conflict: () => "Someone else is changing this request right now; try again in a moment.",
  rate_limited: () => "Too many requests right now; try again in a minute.",
};

function closedState(detail: string): string {
  return /(approved|denied|cancelled|no longer pending)/.exec(detail)?.[1] ?? "decided";
}

/** What to tell a Slack user when an engine action refused them, or failed. */
export function refusalMessage(error: unknown): string {
  if (isAppError(error)) {
    const message = MESSAGES[error.code];
    if (message) return `:warning: ${message(error.message)}`;
  }
  return ":warning: Something went wrong on countersign's side; nothing was changed. Try again, or ask your admin to check the logs.";
}
