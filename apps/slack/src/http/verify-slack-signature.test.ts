import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifySlackSignature } from "./verify-slack-signature";

const secret = "s3cret";
const body = "payload=%7B%7D";
const nowMs = 1_700_000_000_000;
const sign = (ts: number, text = body) => `v0=${createHmac("sha256", secret).update(`v0:${ts}:${text}`).digest("hex")}`;
const check = (timestamp: number | string | undefined, signature: string | undefined, rawBody = body) =>
  verifySlackSignature({
    signingSecret: secret,
    rawBody,
    timestamp: timestamp === undefined ? undefined : String(timestamp),
    signature,
    nowMs,
  });

describe("verifySlackSignature", () => {
  const now = nowMs / 1000;
  it("accepts Slack's signature within five minutes either way", () => {
    expect(check(now, sign(now))).toEqual({ ok: true });
    expect(check(now - 299, sign(now - 299))).toEqual({ ok: true });
    expect(check(now + 299, sign(now + 299))).toEqual({ ok: true });
  });
  it("refuses missing, wrong, stale and future-dated signatures", () => {
    expect(check(now, undefined).ok).toBe(false);
    expect(check(undefined, sign(now)).ok).toBe(false);
    expect(check("12abc", sign(now)).ok).toBe(false);
    expect(check(now, sign(now, "other body")).ok).toBe(false);
    expect(check(now - 301, sign(now - 301)).ok).toBe(false);
    expect(check(now + 301, sign(now + 301))).toEqual({
      ok: false,
      reason: "x-slack-request-timestamp is in the future",
    });
  });
});
