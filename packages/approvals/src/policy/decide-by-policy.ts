import { isEligibleApprover, resolveApprovers } from "./approvers";
import { type MatchRequest, matchRule } from "./match-rule";
import type { Policy, PolicyRule } from "./policy-schema";

export type DecisionMode = "approval_required" | "auto_approved" | "denied_by_policy";

export interface PolicyDecision {
  rule: PolicyRule | null;
  decisionMode: DecisionMode;
  /** Who may approve: the rule's groups, minus the requester and whoever they act for. */
  approvers: string[];
  requiredApprovals: number;
  explanation: string[];
}

/** What the policy decides for a request: the one place both the engine and `policy test` ask. */
export function decideByPolicy(
  policy: Policy,
  request: MatchRequest & { requester: { type: string; id: string; on_behalf_of?: string | null } },
): PolicyDecision {
  const match = matchRule(policy, request);
  const rule = match?.rule ?? null;
  // No rule matched: fail closed.
  const decide = rule ? (rule.decide ?? "require_approval") : "deny";
  const decisionMode: DecisionMode =
    decide === "auto_approve" ? "auto_approved" : decide === "deny" ? "denied_by_policy" : "approval_required";
  const requester = { id: request.requester.id, on_behalf_of: request.requester.on_behalf_of };
  const approvers =
    rule && decisionMode === "approval_required"
      ? resolveApprovers(policy, rule).filter((email) => isEligibleApprover(policy, rule, email, requester))
      : [];
  return {
    rule,
    decisionMode,
    approvers,
    requiredApprovals: rule?.require?.approvals ?? 0,
    explanation: match?.explanation ?? ["no rule matched: denied by default"],
  };
}
