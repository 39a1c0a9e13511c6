import { describe, expect, it } from "vitest";
import { parseJsonContainer } from "./decode";
import { mayBeJson } from "./json-shape";

function trimmedBounds(s: string): [number, number] {
  let a = 0;
  let b = s.length - 1;
  while (a <= b && " \n\r\t".includes(s[a]!)) a++;
  while (b >= a && " \n\r\t".includes(s[b]!)) b--;
  return [a, b];
}

function fits(s: string): boolean {
  return mayBeJson(s, ...trimmedBounds(s));
}

// a deterministic generator of JSON values, nested, with every kind of scalar and awkward strings
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}
const STRINGS = ["", "a", 'q"uote', "back\\slash", "tab\there", "line\nbreak", "ü€😀", "\u0001", "}]"];
function value(rand: () => number, depth: number): unknown {
  const k = Math.floor(rand() * (depth > 3 ? 5 : 7));
  if (k === 0) return null;
  if (k === 1) return rand() < 0.5;
  if (k === 2) return [0, -1, 1.5, -2e-7, 1e21, 123456789][Math.floor(rand() * 6)];
  if (k === 3 || k === 4) return STRINGS[Math.floor(rand() * STRINGS.length)];
  const n = Math.floor(rand() * 4);
  if (k === 5) return Array.from({ length: n }, () => value(rand, depth + 1));
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [STRINGS[i % STRINGS.length]!, value(rand, depth + 1)]),
  );
}

describe("mayBeJson", () => {
  it("never turns away JSON, compact or indented", () => {
    const rand = prng(42);
    let containers = 0;
    for (let i = 0; i < 5000; i++) {
      const v = value(rand, 0);
      if (typeof v !== "object" && typeof v !== "string") continue;
      for (const text of [JSON.stringify(v), JSON.stringify(v, null, 2), ` \n${JSON.stringify(v, null, "\t")}\r\n `]) {
        const first = text.trim()[0];
        if (first !== "{" && first !== "[" && first !== '"') continue;
        containers++;
        expect(fits(text), text).toBe(true);
      }
    }
    expect(containers).toBeGreaterThan(5000);
  });

  it("turns away bracketed and quoted text that is not JSON", () => {
    for (const text of [
      "{user} logged in {now}",
      "{{ env.NAME }}",
      "[INFO] started [web]",
      "[2024-05-01] started [x]",
      "[1/3] deploying [web]",
      "[1] first, [2] second",
      "[] and []",
      "{'a': 1}",
      "[{'a': 1}]",
      '{"a" 1}',
      '["a" "b"]',
      "[01]",
      "[1.]",
      "[-]",
      "[tru]",
      '"C:\\Users\\dana"',
      '"a" and "b"',
    ])
      expect(fits(text), text).toBe(false);
  });

  it("lets JSON-looking text through to the parser, which still decides", () => {
    // a good start is not a proof: the parser turns these away
    for (const text of ['{"a": 1} {"b": 2}', "[1, 2", "[[1] x]"]) {
      expect(fits(text), text).toBe(true);
      expect(parseJsonContainer(text).ok, text).toBe(false);
    }
    expect(parseJsonContainer(' {"a": [1, "x"]} ')).toEqual({ ok: true, value: { a: [1, "x"] } });
    expect(parseJsonContainer('"say \\"hi\\""')).toEqual({ ok: true, value: 'say "hi"' });
  });
});
