import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parsePolicy } from "@countersign/approvals/policy/parse-policy";
import { describe, expect, it } from "vitest";

const HEAD = `version: 1
approvers:
  dba: [alice@example.com, bob@example.com]
  security: [carol@example.com]
channels:
  dba-slack: { slack: { channel: C0DBA0001 } }
rules:
`;

function problems(rule: string) {
  const result = parsePolicy(`${HEAD}${rule}`);
  if (result.ok) throw new Error("expected the policy to be refused");
  return result.problems.map((p) => [p.path, p.message]);
}

const base = `  - name: r
    match: {}
    require: { approvals: 1, from: [dba] }
    ttl: 1h
`;

describe("policy keys for reminders, escalation and timeouts", () => {
  it("parses them, with durations in seconds and on_timeout defaulting to expire", () => {
    const result = parsePolicy(
      `${HEAD}${base}    remind_every: 15m\n    escalate_after: 30m\n    escalate_to: { from: [security], notify: [dba-slack] }\n    on_timeout: deny\n  - name: plain\n    match: {}\n    require: { approvals: 1, from: [dba] }\n`,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [rule, plain] = result.policy.rules;
    expect(rule).toMatchObject({
      remind_every_seconds: 900,
      escalate_after_seconds: 1800,
      escalate_to: { from: ["security"], notify: ["dba-slack"] },
      on_timeout: "deny",
    });
    expect(plain).toMatchObject({ remind_every_seconds: null, escalate_after_seconds: null, on_timeout: "expire" });
  });

  it.each([
    [`    remind_every: soon\n`, "rules[0].remind_every", /duration/],
    [`    remind_every: 0s\n`, "rules[0].remind_every", /duration/],
    [`    remind_every: 2h\n`, "rules[0].remind_every", /shorter than the rule's ttl/],
    [`    escalate_after: 1h\n    escalate_to: { from: [security] }\n`, "rules[0].escalate_after", /shorter/],
    [`    escalate_after: 5m\n`, "rules[0].escalate_to", /required with escalate_after/],
    [`    escalate_to: { from: [security] }\n`, "rules[0].escalate_after", /required with escalate_to/],
    [
      `    escalate_after: 5m\n    escalate_to: { from: [nobody] }\n`,
      "rules[0].escalate_to.from[0]",
      /unknown approver group "nobody"/,
    ],
    [
      `    escalate_after: 5m\n    escalate_to: { notify: [nowhere] }\n`,
      "rules[0].escalate_to.notify[0]",
      /unknown channel "nowhere"/,
    ],
    [`    escalate_after: 5m\n    escalate_to: {}\n`, "rules[0].escalate_to", /from.*notify/],
    [
      `    escalate_after: 5m\n    escalate_to: { from: [security], to: [x] }\n`,
      "rules[0].escalate_to.to",
      /unknown key/,
    ],
    [`    on_timeout: explode\n`, "rules[0].on_timeout", /expire|deny/],
  ])("refuses %j at %s", (extra, path, message) => {
    const found = problems(`${base}${extra}`);
    expect(found.map(([p]) => p)).toContain(path);
    expect(found.find(([p]) => p === path)![1]).toMatch(message);
  });

  it("refuses them on a rule that never waits", () => {
    const found = problems(
      `  - name: r\n    match: {}\n    decide: auto_approve\n    remind_every: 5m\n    on_timeout: deny\n`,
    );
    expect(found).toEqual([
      ["rules[0].remind_every", "has no effect when decide is auto_approve; requests never wait"],
      ["rules[0].on_timeout", "has no effect when decide is auto_approve; requests never wait"],
    ]);
  });

  it("the example policy shipped in the repo is valid and uses them", () => {
    const text = readFileSync(fileURLToPath(new URL("../../examples/countersign.policy.yaml", import.meta.url)));
    const result = parsePolicy(text);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.policy.rules.some((r) => r.remind_every_seconds && r.escalate_to)).toBe(true);
  });
});
