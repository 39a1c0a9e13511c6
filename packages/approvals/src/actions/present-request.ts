import { formatDuration } from "./format-duration";
import type { DecisionRow, RequestRow } from "./load-request";

export interface MaskingSummary {
  fields_masked: number;
  findings: { path: string; type: string }[];
}

export function presentDecision(d: DecisionRow) {
  return { approver: d.approver, verdict: d.verdict, reason: d.reason, channel: d.channel, at: d.at.toISOString() };
}

/** The request as approvers and readers see it: masked data only, never a token or secret. */
export function presentRequest(row: RequestRow, decisionRows: DecisionRow[]) {
  return {
    id: row.id,
    status: row.status,
    decision_mode: row.decisionMode,
    action: row.action,
    resource: row.resource,
    environment: row.environment,
    requester: {
      type: row.requesterType,
      id: row.requesterId,
      display_name: row.requesterDisplayName,
      on_behalf_of: row.onBehalfOf,
    },
    reason: row.reason,
    params: row.paramsMasked,
    context: row.contextMasked,
    policy: { rule: row.policyRule, version: row.policyVersion, explanation: row.policyExplanation },
    required_approvals: row.requiredApprovals,
    approvals: row.approvalCount,
    approvers: row.approvers,
    deny_reason_required: row.denyReasonRequired,
    expires_at: row.expiresAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    decided_at: row.decidedAt?.toISOString() ?? null,
    params_digest: row.paramsDigest,
    masking: row.masking as MaskingSummary,
    callback: row.callbackUrl ? { url: row.callbackUrl } : null,
    decisions: decisionRows.map(presentDecision),
    remind_every: row.remindEverySeconds ? formatDuration(row.remindEverySeconds) : null,
    escalation: presentEscalation(row),
    on_timeout: row.onTimeout,
    timed_out: timedOut(row, decisionRows),
  };
}

/** When and to whom a waiting request escalates (`at` is null when it ends first), and whether it did. */
function presentEscalation(row: RequestRow) {
  if (!row.escalation) return null;
  return {
    after: formatDuration(row.escalation.after_seconds),
    at: row.escalateAt?.toISOString() ?? null,
    groups: row.escalation.groups,
    approvers: row.escalation.approvers,
    channels: row.escalation.notify,
    escalated_at: row.escalatedAt?.toISOString() ?? null,
  };
}

/** Closed because nobody decided in time: expired, or denied by `on_timeout: deny` without a deny verdict. */
function timedOut(row: RequestRow, decisionRows: DecisionRow[]): boolean {
  if (row.status === "expired") return true;
  return (
    row.status === "denied" &&
    row.onTimeout === "deny" &&
    row.decisionMode === "approval_required" &&
    !decisionRows.some((d) => d.verdict === "deny")
  );
}

export type RequestView = ReturnType<typeof presentRequest>;
