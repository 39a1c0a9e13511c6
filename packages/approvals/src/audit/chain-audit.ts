import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import { repeatPass } from "../queue/repeat-pass";
import { type Db, queryRows } from "../store/database";

const BATCH = 500;

/**
 * Appends the staged audit events to the chain (migration 0009). With `wait` (every reader of the
 * trail) it queues for the chain's lock, so every event committed before the call is chained when
 * it returns; without, it leaves the work to whoever holds the lock.
 */
export async function chainAudit(db: Db, options: { wait?: boolean } = {}): Promise<number> {
  const wait = options.wait ?? true;
  let chained = 0;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(db, sql`select audit_chain_pending(${BATCH}, ${wait}) as n`);
    const n = row?.n ?? 0;
    chained += n;
    if (n < BATCH) return chained;
  }
}

export interface AuditChainer {
  close(): Promise<void>;
}

/** Chains staged events in the background, in batches; any number of processes may run one. */
export function startAuditChainer(options: { db: Db; log: Logger; intervalMs?: number }): AuditChainer {
  const passes = repeatPass(
    options.intervalMs ?? 100,
    () => chainAudit(options.db, { wait: false }),
    (error) => options.log.warn({ err: error }, "audit chaining failed; will retry"),
  );
  return { close: () => passes.stop() };
}
