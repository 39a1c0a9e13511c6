import { describe, expect, it } from "vitest";
import {
  DEFAULT_TTL_SECONDS,
  effectiveTtlSeconds,
  MAX_TTL_SECONDS,
  parseDuration,
  tryParseDuration,
  tryParseSpokenDuration,
} from "./duration";

describe("tryParseSpokenDuration (chat commands on every platform)", () => {
  it("reads the policy's short form and spoken units", () => {
    expect(tryParseSpokenDuration("15m")).toBe(900);
    expect(tryParseSpokenDuration("1h30m")).toBe(5400);
    expect(tryParseSpokenDuration("2 hours")).toBe(7200);
    expect(tryParseSpokenDuration("15 Mins")).toBe(900);
    expect(tryParseSpokenDuration(" 1 day ")).toBe(86400);
    expect(tryParseSpokenDuration("45s")).toBe(45);
  });
  it("refuses what is not a duration, and zero", () => {
    for (const text of ["soon", "0m", "0 hours", "15", "m", "1 fortnight", "-5m", "2 hours 30 minutes"]) {
      expect(tryParseSpokenDuration(text)).toBeNull();
    }
    // The unit comes from chat and is looked up in a plain object: Object.prototype's names are not units.
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(tryParseSpokenDuration(`2 ${name}`)).toBeNull();
    }
  });
});

describe("parseDuration", () => {
  it.each([
    ["1s", 1],
    ["90s", 90],
    ["15m", 900],
    ["2h", 7200],
    ["7d", MAX_TTL_SECONDS],
    ["1h30m", 5400],
    ["0s", 0],
  ])("%s is %i seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
    expect(tryParseDuration(text)).toBe(seconds);
  });

  it.each(["", "15", "m", "1.5h", "-1m", "15 m", "15M", "1w", " 15m", "15m ", "m15", "99999999999999999999d"])(
    "refuses %j",
    (text) => {
      expect(() => parseDuration(text)).toThrow(RangeError);
      expect(tryParseDuration(text)).toBeNull();
    },
  );
});

describe("effectiveTtlSeconds", () => {
  it.each([
    ["no request: the rule's ttl", 3600, undefined, 3600],
    ["null request: the rule's ttl", 3600, null, 3600],
    ["shorter than the rule: as asked", 3600, 60, 60],
    ["equal to the rule", 3600, 3600, 3600],
    ["longer than the rule: capped", 900, 86_400, 900],
    ["fractions round down", 900, 60.9, 60],
    ["below one second: one second", 900, 0, 1],
  ])("%s", (_, ruleTtl, requested, expected) => {
    expect(effectiveTtlSeconds({ ttl_seconds: ruleTtl }, requested)).toBe(expected);
  });

  it("caps at 15 minutes when no rule matched", () => {
    expect(effectiveTtlSeconds(null)).toBe(DEFAULT_TTL_SECONDS);
    expect(effectiveTtlSeconds(null, 86_400)).toBe(900);
    expect(effectiveTtlSeconds(undefined, 60)).toBe(60);
  });
});
