import { AppError, RetryLaterError } from "@countersign/approvals";
import { ErrorCode } from "@slack/web-api";

// Slack errors that no retry can fix: the job stops (an AppError below 500 is final for the queue).
const FINAL: Record<string, ConstructorParameters<typeof AppError>[0]> = {
  channel_not_found: "not_found",
  message_not_found: "not_found",
  user_not_found: "not_found",
  not_in_channel: "forbidden",
  is_archived: "forbidden",
  cant_update_message: "forbidden",
  restricted_action: "forbidden",
  invalid_blocks: "validation_failed",
  invalid_arguments: "validation_failed",
  msg_too_long: "validation_failed",
};

/** The Slack error code of a failed Web API call, if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (error && typeof error === "object" && "code" in error && error.code === ErrorCode.PlatformError) {
    const data = (error as { data?: { error?: unknown } }).data;
    return typeof data?.error === "string" ? data.error : undefined;
  }
  return undefined;
}

/**
 * Runs one Web API call for a queue job: a 429 becomes RetryLaterError(Retry-After), so the job is
 * parked and tried again after the wait; a permanent Slack error ends the job; anything else retries.
 */
export async function callSlack<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error && typeof error === "object" && "code" in error && error.code === ErrorCode.RateLimitedError) {
      const seconds = (error as { retryAfter?: number }).retryAfter ?? 1;
      throw new RetryLaterError(Math.max(1, seconds) * 1000, `Slack asked to retry in ${seconds} s`);
    }
    const code = slackErrorCode(error);
    const final = code ? FINAL[code] : undefined;
    if (code && final) throw new AppError(final, `Slack refused the call: ${code}`);
    throw error;
  }
}
