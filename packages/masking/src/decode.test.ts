import { describe, expect, it } from "vitest";
import { percentDecodable } from "./decode";

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function accepted(run: string): boolean {
  try {
    decodeURIComponent(run);
    return true;
  } catch {
    return false;
  }
}

const hex = (b: number) => `%${b.toString(16).padStart(2, "0")}`;

// Pieces weighted towards what makes UTF-8 hard: lead bytes, continuation bytes, the overlong and
// surrogate edges (C0, C1, E0 80, ED A0, F4 90, F5), and escapes cut short.
function piece(rand: () => number): string {
  const k = Math.floor(rand() * 9);
  const byte = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  if (k === 0) return "ab";
  if (k === 1) return hex(byte(0, 0x7f));
  if (k === 2) return hex(byte(0x80, 0xbf));
  if (k === 3) return hex(byte(0xc0, 0xdf)) + hex(byte(0x80, 0xbf));
  if (k === 4) return hex(byte(0xe0, 0xef)) + hex(byte(0x80, 0xbf)) + hex(byte(0x80, 0xbf));
  if (k === 5) return hex(byte(0xf0, 0xf7)) + hex(byte(0x80, 0xbf)) + hex(byte(0x80, 0xbf)) + hex(byte(0x80, 0xbf));
  if (k === 6) return hex(byte(0xf8, 0xff));
  if (k === 7) return ["%", "%4", "%g1", "%%41", "%E2%82"][byte(0, 4)]!;
  return hex(byte(0, 0xff)).toUpperCase();
}

describe("percentDecodable", () => {
  it("agrees with decodeURIComponent on runs of valid, overlong, surrogate, cut and stray escapes", () => {
    const rand = prng(7);
    let rejected = 0;
    for (let n = 0; n < 50_000; n++) {
      const run = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => piece(rand)).join("");
      const want = accepted(run);
      if (!want) rejected++;
      expect(percentDecodable(run), run).toBe(want);
    }
    // both answers are well represented
    expect(rejected).toBeGreaterThan(10_000);
    expect(rejected).toBeLessThan(45_000);
  });

  it("agrees on the edges of UTF-8 one by one", () => {
    for (const run of ["%C2%80", "%C1%BF", "%E0%A0%80", "%E0%9F%BF", "%ED%9F%BF", "%ED%A0%80", "%F4%8F%BF%BF"]) {
      expect(percentDecodable(run), run).toBe(accepted(run));
    }
    expect(percentDecodable(`x${"%41".repeat(1000)}%E2%82%AC`)).toBe(true);
    expect(percentDecodable("%F4%90%80%80")).toBe(false);
  });
});
