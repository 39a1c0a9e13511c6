import { JOB_CATALOG, type JobKind } from "./job-catalog";
import type { Queues } from "./queues";

// Posting a new card (or the escalated one) is what approvers wait for. Updates to cards
// already posted go behind it: chat platforms budget updates tightly (Slack: about 50 a
// minute), and a backlog of parked updates waking up must not delay the next new card.
// BullMQ serves jobs without a priority before any prioritized job.
const CARD_FIRST_EVENTS = new Set(["request.created", "request.escalated"]);
export const CARD_UPDATE_PRIORITY = 10;

export function jobPriority(row: { kind: string; event?: string | null }): number | undefined {
  if (row.kind !== "request.notify" || CARD_FIRST_EVENTS.has(row.event ?? "")) return undefined;
  return CARD_UPDATE_PRIORITY;
}

/** Adds the job for an outbox row; the job id is the outbox id, so adding twice is harmless. */
export async function enqueueOutboxRow(
  queues: Queues,
  row: { id: string; kind: string; availableAt: Date; event?: string | null },
  now: Date,
): Promise<void> {
  const spec = JOB_CATALOG[row.kind as JobKind];
  if (!spec) throw new Error(`unknown outbox kind ${row.kind}`);
  const delay = Math.max(0, row.availableAt.getTime() - now.getTime());
  const priority = jobPriority(row);
  await queues.byName[spec.queue].add(
    row.kind,
    { outboxId: row.id },
    { ...spec.options, jobId: row.id, delay, ...(priority ? { priority } : {}) },
  );
}
