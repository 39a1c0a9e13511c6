import { describe, expect, it } from "vitest";
import { CALLBACK_GIVE_UP_AFTER_MS, nextRetryDelayMs, shouldGiveUp } from "./retry-schedule";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe("nextRetryDelayMs", () => {
  const middle = () => 0.5;

  it.each([
    [0, 0],
    [1, 5 * SECOND],
    [2, 30 * SECOND],
    [3, 2 * MINUTE],
    [4, 10 * MINUTE],
    [5, 30 * MINUTE],
    [6, HOUR],
    [7, HOUR],
    [30, HOUR],
  ])("after %i attempts waits %i ms without jitter", (attemptsMade, expected) => {
    expect(nextRetryDelayMs(attemptsMade, middle)).toBe(expected);
  });

  it("jitters by at most 10% either way", () => {
    expect(nextRetryDelayMs(1, () => 0)).toBe(4_500);
    expect(nextRetryDelayMs(1, () => 0.999_999_999)).toBe(5_500);
    expect(nextRetryDelayMs(6, () => 0)).toBe(54 * MINUTE);
    expect(nextRetryDelayMs(6, () => 0.999_999_999)).toBe(66 * MINUTE);
    expect(nextRetryDelayMs(0, () => 0)).toBe(0);
  });

  it("stays within the band with the real random source", () => {
    for (let i = 0; i < 1000; i++) {
      const delay = nextRetryDelayMs(2);
      expect(delay).toBeGreaterThanOrEqual(27 * SECOND);
      expect(delay).toBeLessThanOrEqual(33 * SECOND);
    }
  });

  it.each([-1, 1.5, Number.NaN])("refuses attempt count %s", (attemptsMade) => {
    expect(() => nextRetryDelayMs(attemptsMade)).toThrow(RangeError);
  });
});

describe("shouldGiveUp", () => {
  const firstAttemptAt = new Date("2025-01-01T00:00:00Z");
  const at = (ms: number) => new Date(firstAttemptAt.getTime() + ms);

  it("keeps going for 24 hours without a token", () => {
    expect(CALLBACK_GIVE_UP_AFTER_MS).toBe(24 * HOUR);
    expect(shouldGiveUp({ firstAttemptAt, now: firstAttemptAt })).toBe(false);
    expect(shouldGiveUp({ firstAttemptAt, now: at(24 * HOUR - 1) })).toBe(false);
    expect(shouldGiveUp({ firstAttemptAt, now: at(24 * HOUR) })).toBe(true);
    expect(shouldGiveUp({ firstAttemptAt, now: at(30 * HOUR) })).toBe(true);
  });

  it("stops once the token has expired", () => {
    const tokenExpiresAt = at(15 * MINUTE);
    expect(shouldGiveUp({ firstAttemptAt, now: at(15 * MINUTE - 1), tokenExpiresAt })).toBe(false);
    expect(shouldGiveUp({ firstAttemptAt, now: tokenExpiresAt, tokenExpiresAt })).toBe(true);
    expect(shouldGiveUp({ firstAttemptAt, now: at(HOUR), tokenExpiresAt })).toBe(true);
  });

  it("still stops at 24 hours when the token outlives them", () => {
    const tokenExpiresAt = at(48 * HOUR);
    expect(shouldGiveUp({ firstAttemptAt, now: at(23 * HOUR), tokenExpiresAt })).toBe(false);
    expect(shouldGiveUp({ firstAttemptAt, now: at(24 * HOUR), tokenExpiresAt })).toBe(true);
  });
});
