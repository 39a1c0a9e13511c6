import { describe, expect, it } from "vitest";
import { MaskingPolicy } from "./policy-schema";

function issues(input: unknown): string[] {
  const r = MaskingPolicy.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("MaskingPolicy", () => {
  it("accepts the contract's example and fills defaults", () => {
    const p = MaskingPolicy.parse({
      fields: ["$..password", "$..ssn", "$.context.customer.email"],
      detectors: "default",
      strategies: { default: "redact", email: "partial", credit_card: "last4", identifier: "fingerprint" },
    });
    expect(p.custom).toEqual([]);
    expect(MaskingPolicy.parse({})).toEqual({
      fields: [],
      detectors: "default",
      strategies: {},
      custom: [],
      allow: [],
    });
  });

  it("reports every problem with its path", () => {
    const found = issues({
      fields: ["params.password"],
      detectors: ["email", "nope"],
      strategies: { github_token: "partial", email: "blur" },
      custom: [
        { name: "Ticket", regex: "T-\\d+" },
        { name: "both", regex: "x", words: ["y"] },
      ],
      extra: true,
    });
    expect(found.join("\n")).toMatch(/fields\.0: invalid JSONPath/);
    expect(found.join("\n")).toMatch(/detectors\.1: unknown detector "nope"/);
    expect(found.join("\n")).toMatch(/strategies\.email/);
    expect(found.join("\n")).toMatch(/custom\.0\.name/);
    expect(found.join("\n")).toMatch(/custom\.0\.regex: regex uses an unbounded/);
    expect(found.join("\n")).toMatch(/exactly one of regex or words/);
    expect(found.join("\n")).toMatch(/extra|unrecognized/i);
  });

  it("refuses a partial strategy for secrets", () => {
    expect(issues({ strategies: { secret: "partial" } })[0]).toMatch(/secrets are only ever redacted/);
    expect(
      issues({ custom: [{ name: "vault", words: ["hunter2"], category: "secret" }], strategies: { vault: "last4" } }),
    ).toHaveLength(1);
  });
});
