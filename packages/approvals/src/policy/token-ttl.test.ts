import { describe, expect, it } from "vitest";
import { parsePolicy } from "./parse-policy";

const policyWith = (tokenTtl: string) =>
  [
    "version: 1",
    "rules:",
    "  - name: r",
    "    match: {}",
    "    decide: auto_approve",
    `    token_ttl: ${tokenTtl}`,
  ].join("\n");

describe("rule token_ttl", () => {
  it("defaults to 15 minutes and may be shorter", () => {
    const fallback = parsePolicy(
      ["version: 1", "rules:", "  - name: r", "    match: {}", "    decide: auto_approve"].join("\n"),
    );
    expect(fallback.ok && fallback.policy.rules[0]?.token_ttl_seconds).toBe(900);
    const short = parsePolicy(policyWith("90s"));
    expect(short.ok && short.policy.rules[0]?.token_ttl_seconds).toBe(90);
  });

  it("refuses a token lifetime over 15 minutes, with its path", () => {
    const result = parsePolicy(policyWith("1h"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain("rules[0].token_ttl");
  });
});
