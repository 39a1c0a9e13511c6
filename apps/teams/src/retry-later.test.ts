import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./connector-error";
import { backoffMs } from "./retry-later";

describe("retry timing", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });

  it("backs off exponentially with full jitter, capped at a minute", () => {
    expect(backoffMs(1, () => 0.999)).toBeLessThanOrEqual(1000);
    expect(backoffMs(4, () => 0.999)).toBeGreaterThan(7000);
    expect(backoffMs(30, () => 0.999)).toBeLessThanOrEqual(60_000);
    expect(backoffMs(5, () => 0)).toBe(500);
    const spread = new Set(Array.from({ length: 20 }, () => backoffMs(6)));
    expect(spread.size).toBeGreaterThan(10);
  });
});
