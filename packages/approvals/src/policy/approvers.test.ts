import { describe, expect, it } from "vitest";
import { checkApprover, isEligibleApprover, resolveApprovers } from "./approvers";
import { parsePolicy } from "./parse-policy";

const result = parsePolicy(`version: 1
approvers:
  dba: [Alice@Example.com, bob@example.com]
  security: [carol@example.com, ALICE@example.com]
rules:
  - { name: both, match: { action: db.export }, require: { approvals: 2, from: [dba, security] } }
  - { name: dba-only, match: {}, require: { from: [dba] } }
  - { name: auto, match: { action: "db.query.*" }, decide: auto_approve }
`);
if (!result.ok) throw new Error(JSON.stringify(result.problems));
const { policy } = result;
const [both, dbaOnly, auto] = policy.rules as [
  (typeof policy.rules)[0],
  (typeof policy.rules)[0],
  (typeof policy.rules)[0],
];

describe("resolveApprovers", () => {
  it("lists distinct lower-cased emails of the rule's groups, in policy order", () => {
    expect(resolveApprovers(policy, both)).toEqual(["alice@example.com", "bob@example.com", "carol@example.com"]);
    expect(resolveApprovers(policy, dbaOnly)).toEqual(["alice@example.com", "bob@example.com"]);
  });

  it("is empty for a rule that needs no approval", () => {
    expect(resolveApprovers(policy, auto)).toEqual([]);
  });
});

describe("isEligibleApprover", () => {
  const agent = { id: "etl-agent", on_behalf_of: "dana@example.com" };

  it.each([
    ["an approver of the rule", both, "carol@example.com", agent, { ok: true }],
    ["an approver, in any case", both, "  CAROL@example.COM ", agent, { ok: true }],
    ["in another group than the rule's", dbaOnly, "carol@example.com", agent, { ok: false, code: "not_an_approver" }],
    ["not in any group", both, "mallory@example.com", agent, { ok: false, code: "not_an_approver" }],
    ["anyone, on a rule without require", auto, "alice@example.com", agent, { ok: false, code: "not_an_approver" }],
    ["the requester", both, "alice@example.com", { id: "alice@example.com" }, { ok: false, code: "self_approval" }],
    [
      "the requester, other case",
      both,
      "alice@example.com",
      { id: "ALICE@Example.com" },
      { ok: false, code: "self_approval" },
    ],
    [
      "the person the request was made for",
      both,
      "bob@example.com",
      { id: "etl-agent", on_behalf_of: "Bob@Example.com" },
      { ok: false, code: "self_approval" },
    ],
    ["with on_behalf_of null", both, "bob@example.com", { id: "etl-agent", on_behalf_of: null }, { ok: true }],
  ])("%s", (_, rule, email, requester, expected) => {
    expect(checkApprover(policy, rule, email, requester)).toEqual(expected);
    expect(isEligibleApprover(policy, rule, email, requester)).toBe(expected.ok);
  });
});
