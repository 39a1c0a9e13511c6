import { groupEmails, isSelfApproval, type Policy, type PolicyRule, type Requester } from "../policy";
import type { OutboxInput } from "../queue/write-outbox";
import type { Escalation } from "../store/schema";
import type { RequestRow } from "./load-request";

export interface WaitingPlan {
  remindEverySeconds: number | null;
  escalateAt: Date | null;
  escalation: Escalation | null;
  onTimeout: "expire" | "deny";
}

/**
 * What a pending request does while it waits, resolved from its rule once at creation. The escalation's
 * approvers never include the requester (or whoever they act for), nor anyone who is already an approver.
 */
export function planWaiting(
  policy: Policy,
  rule: PolicyRule | null,
  input: { requester: Requester; approvers: string[]; createdAt: Date; expiresAt: Date; pending: boolean },
): WaitingPlan {
  if (!rule || !input.pending)
    return { remindEverySeconds: null, escalateAt: null, escalation: null, onTimeout: "expire" };
  let escalation: Escalation | null = null;
  let escalateAt: Date | null = null;
  if (rule.escalate_after_seconds !== null && rule.escalate_to) {
    const at = new Date(input.createdAt.getTime() + rule.escalate_after_seconds * 1000);
    escalation = {
      after_seconds: rule.escalate_after_seconds,
      groups: rule.escalate_to.from,
      approvers: groupEmails(policy, rule.escalate_to.from).filter(
        (email) => !isSelfApproval(email, input.requester) && !input.approvers.includes(email),
      ),
      notify: rule.escalate_to.notify.filter((name) => !rule.notify.includes(name)),
    };
    // A request that ends before the deadline (a shorter ttl_seconds) never escalates; the card must not promise it.
    escalateAt = at < input.expiresAt ? at : null;
  }
  return { remindEverySeconds: rule.remind_every_seconds, escalateAt, escalation, onTimeout: rule.on_timeout };
}

/** The outbox rows of a new pending request's waiting: the first reminder and the escalation, when the rule has them. */
export function waitingWork(
  row: Pick<RequestRow, "id" | "remindEverySeconds" | "expiresAt" | "escalateAt">,
  now: Date,
): OutboxInput[] {
  const work: OutboxInput[] = [];
  const next = nextReminderAt(row, now);
  if (next) work.push({ kind: "request.remind", requestId: row.id, availableAt: next, payload: {} });
  if (row.escalateAt) {
    work.push({ kind: "request.escalate", requestId: row.id, availableAt: row.escalateAt, payload: {} });
  }
  return work;
}

/** When to remind next, or null when the request would be over by then. */
export function nextReminderAt(row: Pick<RequestRow, "remindEverySeconds" | "expiresAt">, from: Date): Date | null {
  if (!row.remindEverySeconds) return null;
  const at = new Date(from.getTime() + row.remindEverySeconds * 1000);
  return at < row.expiresAt ? at : null;
}
