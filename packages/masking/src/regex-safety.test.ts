import { describe, expect, it } from "vitest";
import { regexProblem } from "./regex-safety";

describe("regexProblem", () => {
  it("accepts bounded, unambiguous patterns", () => {
    for (const ok of [
      "EMP-\\d{6}",
      "(?:proj|team)-[a-z]{3,12}",
      "[A-Z]{2}\\d{2}(?:-\\d{4}){0,7}",
      "\\bcase-\\d{1,8}\\b",
    ]) {
      expect(regexProblem(ok), ok).toBeNull();
    }
  });

  it("rejects what could backtrack or does not compile", () => {
    expect(regexProblem("a+")).toMatch(/unbounded/);
    expect(regexProblem("a{2,}")).toMatch(/unbounded/);
    expect(regexProblem("(a{1,5}){1,5}")).toMatch(/repeats a group/);
    expect(regexProblem("(a|ab){1,10}")).toMatch(/repeats a group/);
    expect(regexProblem("(x)\\1")).toMatch(/backreference/);
    expect(regexProblem("a{1,5000}")).toMatch(/more than/);
    expect(regexProblem("[a-")).toMatch(/does not compile/);
    expect(regexProblem("")).toMatch(/empty/);
  });
});
