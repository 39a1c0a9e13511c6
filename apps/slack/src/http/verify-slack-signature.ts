import { verifySlackRequest } from "@slack/bolt";

/** How far a request's timestamp may be from our clock, either way (Slack's guidance: five minutes). */
export const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Bolt's own check (HMAC-SHA256 over `v0:timestamp:body`, constant-time compare, stale timestamps),
 * plus what Bolt leaves out: a timestamp from the future is refused too, so a captured request
 * cannot be replayed later by signing it ahead of time.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}): SignatureCheck {
  if (!input.signature) return { ok: false, reason: "no x-slack-signature header" };
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp)) {
    return { ok: false, reason: "no valid x-slack-request-timestamp header" };
  }
  const timestamp = Number(input.timestamp);
  if (timestamp > Math.floor(input.nowMs / 1000) + MAX_SKEW_SECONDS) {
    return { ok: false, reason: "x-slack-request-timestamp is in the future" };
  }
  try {
    verifySlackRequest({
      signingSecret: input.signingSecret,
      body: input.rawBody,
      headers: { "x-slack-signature": input.signature, "x-slack-request-timestamp": timestamp },
      nowMilliseconds: input.nowMs,
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : "signature check failed" };
  }
}
