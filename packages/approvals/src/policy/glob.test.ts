import { describe, expect, it } from "vitest";
import { compileGlob, globMatches, isGlob } from "./glob";

describe("globMatches", () => {
  it.each([
    ["db.query.*", "db.query.users", true],
    ["db.query.*", "db.query.", true],
    ["db.query.*", "db.export", false],
    ["db.query.*", "db.queryx.users", false],
    ["*", "", true],
    ["*", "anything/at all.with:dots", true],
    ["*", "line\nbreak", true],
    ["postgres://prod/*", "postgres://prod/customers", true],
    ["postgres://prod/*", "postgres://prod/a/b/c", true],
    ["postgres://prod/*", "postgres://prod", false],
    ["postgres://prod/*", "postgres://staging/customers", false],
    ["*://prod/*", "mysql://prod/x", true],
    ["?", "a", true],
    ["?", "", false],
    ["?", "ab", false],
    ["?", "é", true],
    ["?", "😀", true],
    ["v?.*", "v1.2", true],
    ["v?.*", "v10.2", false],
    ["a*b*c", "abc", true],
    ["a*b*c", "axxbyyc", true],
    ["a*b*c", "acb", false],
    ["a*a", "a", false],
    ["a*a", "aa", true],
    ["a**b", "ab", true],
    ["*a*b*", "xaxbx", true],
    ["*a*b*", "xbxax", false],
    ["*x?y*", "..xzy..", true],
    ["production", "production", true],
    ["production", "Production", false],
    ["DB.*", "db.export", false],
    // Everything but * and ? is literal, including regular-expression syntax.
    ["a.b", "axb", false],
    ["a+b", "a+b", true],
    ["a+b", "aab", false],
    ["[ab]", "a", false],
    ["[ab]", "[ab]", true],
    ["(x)|y", "y", false],
    ["(x)|y", "(x)|y", true],
    ["^$", "", false],
    ["^$", "^$", true],
    ["a\\d", "a\\d", true],
    ["a\\d", "a1", false],
    ["{1,2}/", "{1,2}/", true],
    ["[*]", "[anything]", true],
  ])("%j against %j is %s", (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });

  it("agrees with a naive matcher on every short pattern and value", () => {
    const naive = (p: string, v: string): boolean => {
      if (p === "") return v === "";
      if (p[0] === "*") return naive(p.slice(1), v) || (v !== "" && naive(p, v.slice(1)));
      return v !== "" && (p[0] === "?" || p[0] === v[0]) && naive(p.slice(1), v.slice(1));
    };
    const words = (alphabet: string, max: number): string[] => {
      const out = [""];
      for (let i = 0; i < out.length; i++) {
        const word = out[i]!;
        if (word.length < max) for (const c of alphabet) out.push(word + c);
      }
      return out;
    };
    const values = words("ab", 6);
    const disagreements: string[] = [];
    let checked = 0;
    for (const pattern of words("ab*?", 5)) {
      for (const value of values) {
        if (globMatches(pattern, value) !== naive(pattern, value)) disagreements.push(`${pattern} / ${value}`);
        checked++;
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });

  it("stays linear on patterns that make a naive regular expression backtrack", () => {
    const value = "a".repeat(200_000);
    const started = performance.now();
    expect(globMatches("*a*a*a*a*a*a*b", value)).toBe(false);
    expect(globMatches("*a*a*a*a*a*a*a", value)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("compileGlob", () => {
  it("caches compiled patterns", () => {
    expect(compileGlob("iam.*")).toBe(compileGlob("iam.*"));
  });

  it("anchors the whole value", () => {
    expect(compileGlob("db.*").test("x.db.y")).toBe(false);
  });
});

describe("isGlob", () => {
  it.each([
    ["db.*", true],
    ["v?", true],
    ["db.export", false],
    ["", false],
  ])("%j is %s", (pattern, expected) => {
    expect(isGlob(pattern)).toBe(expected);
  });
});
