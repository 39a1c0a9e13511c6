import { describe, expect, it } from "vitest";
import { explainMatch, type MatchRequest, matchRule } from "./match-rule";
import { parsePolicy } from "./parse-policy";
import type { Policy } from "./policy-schema";

function policyOf(rules: string): Policy {
  const result = parsePolicy(`version: 1
approvers:
  dba: [alice@example.com, bob@example.com]
rules:
${rules}`);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.policy;
}

const agent = { type: "agent", id: "etl-agent" };

describe("matchRule", () => {
  const policy = policyOf(`
  - { name: prod-export, match: { action: db.export, environment: production }, require: { approvals: 2, from: [dba] } }
  - { name: read-only, match: { action: "db.query.*" }, decide: auto_approve }
  - { name: prod-db, match: { resource: "postgres://prod/*" }, require: { from: [dba] } }
  - { name: humans, match: { requester.type: human }, require: { from: [dba] } }
  - { name: ci-bot, match: { requester: { type: pipeline, id: "github-*" } }, decide: auto_approve }
  - { name: any-pipeline, match: { requester.type: "*" , action: "build.*" }, decide: auto_approve }
  - { name: fallback, match: {}, decide: deny }
`);

  it.each<[string, MatchRequest, string]>([
    [
      "exact action and environment",
      { action: "db.export", environment: "production", requester: agent },
      "prod-export",
    ],
    [
      "same action elsewhere falls through",
      { action: "db.export", environment: "staging", requester: agent },
      "fallback",
    ],
    ["glob on action", { action: "db.query.users", requester: agent }, "read-only"],
    ["glob does not cross into a sibling", { action: "db.export", requester: agent }, "fallback"],
    ["glob on resource", { action: "db.truncate", resource: "postgres://prod/customers", requester: agent }, "prod-db"],
    [
      "other resource",
      { action: "db.truncate", resource: "postgres://staging/customers", requester: agent },
      "fallback",
    ],
    ["missing resource matches only *", { action: "db.truncate", requester: agent }, "fallback"],
    ["requester.type", { action: "x", requester: { type: "human", id: "dana@example.com" } }, "humans"],
    ["requester type and id", { action: "x", requester: { type: "pipeline", id: "github-actions" } }, "ci-bot"],
    ["requester id mismatch", { action: "x", requester: { type: "pipeline", id: "gitlab-ci" } }, "fallback"],
    [
      "requester id is case-sensitive",
      { action: "x", requester: { type: "pipeline", id: "GitHub-actions" } },
      "fallback",
    ],
    ["* matches a missing requester", { action: "build.docker" }, "any-pipeline"],
    [
      "null fields count as missing",
      { action: "db.truncate", resource: null, environment: null, requester: agent },
      "fallback",
    ],
  ])("%s", (_, request, rule) => {
    expect(matchRule(policy, request)?.rule.name).toBe(rule);
  });

  it("takes the first matching rule, in file order", () => {
    const request = { action: "db.export", environment: "production", requester: agent };
    const rules = [
      "  - { name: specific, match: { action: db.export, environment: production }, decide: deny }",
      "  - { name: broad, match: { action: 'db.*' }, decide: auto_approve }",
    ];
    expect(matchRule(policyOf(rules.join("\n")), request)).toMatchObject({ index: 0, rule: { name: "specific" } });
    expect(matchRule(policyOf([...rules].reverse().join("\n")), request)).toMatchObject({
      index: 0,
      rule: { name: "broad" },
    });
  });

  it("returns null when no rule matches", () => {
    expect(matchRule(policyOf("  - { name: only, match: { action: a }, decide: deny }"), { action: "b" })).toBeNull();
  });

  it("explains which keys matched which patterns", () => {
    expect(
      matchRule(policy, { action: "db.export", environment: "production", requester: agent })?.explanation,
    ).toEqual(['action is "db.export"', 'environment is "production"']);
    expect(matchRule(policy, { action: "db.query.users", requester: agent })?.explanation).toEqual([
      'action "db.query.users" matches "db.query.*"',
    ]);
    expect(matchRule(policy, { action: "build.x" })?.explanation).toEqual([
      'action "build.x" matches "build.*"',
      'requester.type is not given; "*" matches anything',
    ]);
    expect(matchRule(policy, { action: "other", requester: agent })?.explanation).toEqual([
      "match is empty, so it matches every request",
    ]);
  });
});

describe("explainMatch", () => {
  const policy = policyOf(`
  - { name: prod-export, match: { action: db.export, environment: production }, require: { from: [dba] } }
  - { name: prod-db, match: { resource: "postgres://prod/*", requester.type: agent }, require: { from: [dba] } }
  - { name: fallback, match: {}, decide: deny }
  - { name: never-reached, match: { action: db.export }, decide: deny }
`);

  it("traces every rule tried, why each earlier one was skipped, and which one matched", () => {
    const result = explainMatch(policy, { action: "db.export", environment: "staging" });
    expect(result.match?.rule.name).toBe("fallback");
    expect(result.match).toEqual(matchRule(policy, { action: "db.export", environment: "staging" }));
    expect(result.trace.map((t) => [t.rule.name, t.matched])).toEqual([
      ["prod-export", false],
      ["prod-db", false],
      ["fallback", true],
    ]);
    expect(result.trace[0]!.checks).toEqual([
      { key: "action", pattern: "db.export", value: "db.export", matched: true },
      { key: "environment", pattern: "production", value: "staging", matched: false },
    ]);
    expect(result.explanation).toEqual([
      'rules[0] "prod-export" skipped: environment is "staging", not "production"',
      'rules[1] "prod-db" skipped: resource is not given, so it cannot match "postgres://prod/*"; requester.type is not given, so it cannot match "agent"',
      'rules[2] "fallback" matched: match is empty, so it matches every request',
    ]);
  });

  it("says so when nothing matched", () => {
    const only = policyOf("  - { name: only, match: { action: 'iam.*' }, decide: deny }");
    const result = explainMatch(only, { action: "db.export" });
    expect(result.match).toBeNull();
    expect(result.explanation).toEqual([
      'rules[0] "only" skipped: action "db.export" does not match "iam.*"',
      "no rule matched",
    ]);
  });
});
