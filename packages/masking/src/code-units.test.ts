import { describe, expect, it } from "vitest";
import { codeUnits } from "./code-units";

function same(text: string): boolean {
  const units = codeUnits(text);
  for (let i = 0; i < text.length; i++) if (units[i] !== text.charCodeAt(i)) return false;
  return units.length >= text.length;
}

describe("codeUnits", () => {
  it("reads every UTF-16 code unit, lone surrogates and non-Latin text included", () => {
    expect(same("")).toBe(true);
    expect(same("a\uD800b\uDC00c Łódź 😀 \uFFFF\u0000")).toBe(true);
  });

  it("grows for long texts, keeps up to its limit, and a shorter text after a longer one reads right", () => {
    const long = "x\u0141".repeat(70_000);
    expect(same(long)).toBe(true);
    expect(same("short")).toBe(true);
    const huge = "ab".repeat(600_000); // past what is kept between calls
    expect(same(huge)).toBe(true);
    expect(same("after")).toBe(true);
  });
});
