import { describe, expect, it } from "vitest";
import { buildDetectors } from "./detectors/registry";
import { SECRET_PATTERNS } from "./detectors/secrets";
import { scan } from "./scan-text";
import { isShortPlainWord, PLAIN_WORD_MAX } from "./short-words";

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const detectors = buildDetectors("default", []).text;

describe("isShortPlainWord", () => {
  it("accepts 1 to 12 ASCII letters only", () => {
    expect(isShortPlainWord("a")).toBe(true);
    expect(isShortPlainWord("Enterprise")).toBe(true);
    expect(isShortPlainWord("abcdefghijkl")).toBe(true);
    expect(isShortPlainWord("abcdefghijklm")).toBe(false);
    expect(isShortPlainWord("")).toBe(false);
    for (const s of ["a1", "a b", "a-b", "a_b", "é", "a@", "[", "`", "{", "@"]) expect(isShortPlainWord(s)).toBe(false);
  });

  it("holds no finding for any built-in detector", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const word = (n: number) => Array.from({ length: n }, () => LETTERS[Math.floor(rand() * 52)]).join("");
    const words: string[] = [];
    // every word of up to three letters
    for (const a of LETTERS) {
      words.push(a);
      for (const b of LETTERS) {
        words.push(a + b);
        for (const c of LETTERS) words.push(a + b + c);
      }
    }
    // every provider literal and keyword-like word, padded with one repeated letter or random letters
    const starts = [
      ...SECRET_PATTERNS.flatMap((p) => p.literals),
      ...["password", "passwd", "pwd", "pw", "secret", "token", "key", "apikey", "auth", "bearer", "basic"],
      ...["authorization", "kind", "cookie", "session", "dsn", "cred", "pin", "otp", "cvv", "salt", "access"],
    ].filter((l) => /^[A-Za-z]+$/.test(l));
    for (const start of starts)
      for (const s of [start, start.toLowerCase(), start.toUpperCase()])
        for (let n = s.length; n <= PLAIN_WORD_MAX; n++) {
          for (const fill of LETTERS) words.push(s + fill.repeat(n - s.length));
          for (let k = 0; k < 20; k++) words.push(s + word(n - s.length));
        }
    for (let n = 4; n <= PLAIN_WORD_MAX; n++) for (let k = 0; k < 2000; k++) words.push(word(n));
    for (const w of words)
      if (isShortPlainWord(w) && scan(w, detectors).length > 0) expect(w).toBe("matched by no detector");
  });
});
