import { type Actor, describeActor } from "../context";
import { newId } from "../crypto/ids";
import type { Db } from "../store/database";
import { auditPending } from "../store/schema";
import { hashAuditContent } from "./hash-audit-event";

export interface AuditInput {
  type: string;
  requestId?: string | null;
  actor: Actor;
  data?: Record<string, unknown>;
  at: Date;
}

/**
 * Records one event in the transaction of the change it describes. The event is staged and
 * joins the hash chain when the transaction commits (migration 0007); if it rolls back, the
 * event was never there.
 */
export async function appendAudit(tx: Db, input: AuditInput): Promise<void> {
  await tx.insert(auditPending).values(auditRow(input));
}

/** The staged row of one event, for a caller that writes it in a statement of its own making. */
export function auditRow(input: AuditInput): typeof auditPending.$inferInsert {
  const event = {
    id: newId("evt"),
    at: new Date(Math.floor(input.at.getTime())),
    type: input.type,
    requestId: input.requestId ?? null,
    actor: describeActor(input.actor),
    data: input.data ?? {},
  };
  return {
    eventId: event.id,
    at: event.at,
    type: event.type,
    requestId: event.requestId,
    actor: event.actor,
    data: event.data,
    contentHash: hashAuditContent(event),
  };
}
