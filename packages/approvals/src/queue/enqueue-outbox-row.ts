import { JOB_CATALOG, type JobKind } from "./job-catalog";
import type { Queues } from "./queues";

/** Adds the job for an outbox row; the job id is the outbox id, so adding twice is harmless. */
export async function enqueueOutboxRow(
  queues: Queues,
  row: { id: string; kind: string; availableAt: Date },
  now: Date,
): Promise<void> {
  const spec = JOB_CATALOG[row.kind as JobKind];
  if (!spec) throw new Error(`unknown outbox kind ${row.kind}`);
  const delay = Math.max(0, row.availableAt.getTime() - now.getTime());
  await queues.byName[spec.queue].add(row.kind, { outboxId: row.id }, { ...spec.options, jobId: row.id, delay });
}
