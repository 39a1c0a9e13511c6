import { describe, expect, it } from "vitest";
import { childPath, JsonPathError, PathMatcher, parseJsonPath, type Segment } from "./json-path";

function matches(path: string, concrete: Segment[]): boolean {
  const m = new PathMatcher([parseJsonPath(path)]);
  let s = m.initial();
  for (const seg of concrete) s = m.advance(s, seg, 3);
  return m.matched(s) !== undefined;
}

describe("json-path", () => {
  it("matches child, wildcard, index and union segments", () => {
    expect(matches("$.params.password", ["params", "password"])).toBe(true);
    expect(matches("$.params.password", ["context", "password"])).toBe(false);
    expect(matches("$.rows[*].ssn", ["rows", 2, "ssn"])).toBe(true);
    expect(matches("$.rows[0].ssn", ["rows", 1, "ssn"])).toBe(false);
    expect(matches("$.rows[-1]", ["rows", 2])).toBe(true);
    expect(matches("$['a b','c'].x", ["c", "x"])).toBe(true);
    expect(matches("$.*.x", ["anything", "x"])).toBe(true);
  });

  it("recursive descent matches at any depth but not elsewhere", () => {
    expect(matches("$..password", ["password"])).toBe(true);
    expect(matches("$..password", ["a", 0, "b", "password"])).toBe(true);
    expect(matches("$..password", ["a", "passwords"])).toBe(false);
    expect(matches("$.context..email", ["context", "rows", 0, "email"])).toBe(true);
    expect(matches("$.context..email", ["params", "email"])).toBe(false);
  });

  it("rejects malformed paths with a reason", () => {
    expect(() => parseJsonPath("params.password")).toThrow(JsonPathError);
    expect(() => parseJsonPath("$.rows[?(@.x)]")).toThrow(/unsupported selector/);
    expect(() => parseJsonPath("$.rows[0")).toThrow(/unclosed/);
  });

  it("formats paths as JSONPath", () => {
    expect(childPath(childPath("$", "params"), "password")).toBe("$.params.password");
    expect(childPath("$.rows", 0)).toBe("$.rows[0]");
    expect(childPath("$", "it's here")).toBe("$['it\\'s here']");
  });
});
