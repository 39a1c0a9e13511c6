import type { Policy, PolicyRule } from "./policy-schema";

export type Requester = { id: string; on_behalf_of?: string | null };

export type ApproverCheck = { ok: true } | { ok: false; code: "not_an_approver" | "self_approval" };

function normalize(email: string): string {
  return email.trim().toLowerCase();
}

/** Distinct, lower-cased emails of everyone in these approver groups, in policy order. */
export function groupEmails(policy: Policy, groups: readonly string[]): string[] {
  const emails = new Set<string>();
  for (const group of groups) {
    for (const email of policy.approvers[group] ?? []) emails.add(normalize(email));
  }
  return [...emails];
}

/** Distinct, lower-cased emails of everyone in the rule's `require.from` groups, in policy order. */
export function resolveApprovers(policy: Policy, rule: PolicyRule): string[] {
  return groupEmails(policy, rule.require?.from ?? []);
}

/** Nobody approves a request they made or that was made on their behalf. */
export function isSelfApproval(email: string, requester: Requester): boolean {
  const who = normalize(email);
  return [requester.id, requester.on_behalf_of].some((id) => typeof id === "string" && normalize(id) === who);
}

/** Whether `email` may decide a request under `rule`, with the error code when not. */
export function checkApprover(policy: Policy, rule: PolicyRule, email: string, requester: Requester): ApproverCheck {
  const who = normalize(email);
  if (!resolveApprovers(policy, rule).includes(who)) return { ok: false, code: "not_an_approver" };
  if (isSelfApproval(who, requester)) return { ok: false, code: "self_approval" };
  return { ok: true };
}

/** Nobody approves a request they made or that was made on their behalf. */
export function isEligibleApprover(policy: Policy, rule: PolicyRule, email: string, requester: Requester): boolean {
  return checkApprover(policy, rule, email, requester).ok;
}
