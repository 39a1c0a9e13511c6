import { and, asc, eq, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../store/database";
import { outbox } from "../store/schema";
import { enqueueOutboxRow } from "./enqueue-outbox-row";
import { JOB_CATALOG, type JobKind } from "./job-catalog";
import type { Queues } from "./queues";
import { repeatPass } from "./repeat-pass";

// What enqueueOutboxRow needs of a row: the event only, not the payload (which can be large).
const ENQUEUE_COLUMNS = {
  id: outbox.id,
  kind: outbox.kind,
  availableAt: outbox.availableAt,
  event: sql<string | null>`${outbox.payload}->>'event'`,
};

export interface OutboxRelayOptions {
  db: Db;
  queues: Queues;
  log: Logger;
  clock?: () => Date;
  intervalMs?: number;
  reconcileEveryMs?: number;
  /** A pending row enqueued longer ago than this is checked against Redis and re-added if lost. */
  staleAfterMs?: number;
  batchSize?: number;
  /**
   * Rows due later than this stay in Postgres until they come closer. Most are a pending request's
   * expiry or reminder, never needed once it is decided; Redis holds only work due soon.
   */
  horizonMs?: number;
}

export interface OutboxRelay {
  /** Moves freshly written rows now instead of at the next tick, unless the earliest is beyond the horizon. */
  nudge(firstDue?: Date): void;
  relayOnce(): Promise<number>;
  reconcileOnce(): Promise<number>;
  close(): Promise<void>;
}

/** Moves outbox rows into BullMQ (job id = outbox id) and re-enqueues whatever Redis lost. */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, queues, log } = options;
  const clock = options.clock ?? (() => new Date());
  const batchSize = options.batchSize ?? 200;
  const horizonMs = options.horizonMs ?? 60_000;
  let closed = false;
  let running: Promise<unknown> = Promise.resolve();
  let pending = false;

  const relayOnce = async (): Promise<number> => {
    const now = clock();
    return db.transaction(async (tx) => {
      const rows = await tx
        .select(ENQUEUE_COLUMNS)
        .from(outbox)
        .where(
          and(
            eq(outbox.status, "pending"),
            isNull(outbox.enqueuedAt),
            lte(outbox.availableAt, new Date(now.getTime() + horizonMs)),
          ),
        )
        .orderBy(asc(outbox.availableAt))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return 0;
      for (const row of rows) await enqueueOutboxRow(queues, row, now);
      await tx
        .update(outbox)
        .set({ enqueuedAt: now })
        .where(
          inArray(
            outbox.id,
            rows.map((r) => r.id),
          ),
        );
      return rows.length;
    });
  };

  const reconcileOnce = async (): Promise<number> => {
    const now = clock();
    const staleBefore = new Date(now.getTime() - (options.staleAfterMs ?? 30_000));
    const rows = await db
      .select(ENQUEUE_COLUMNS)
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lt(outbox.enqueuedAt, staleBefore)))
      .orderBy(asc(outbox.enqueuedAt))
      .limit(batchSize * 5);
    let readded = 0;
    for (const row of rows) {
      const spec = JOB_CATALOG[row.kind as JobKind];
      if (!spec) continue;
      const job = await queues.byName[spec.queue].getJob(row.id);
      if (job) {
        const state = await job.getState();
        if (state === "failed") {
          await db
            .update(outbox)
            .set({ status: "dead", lastError: job.failedReason?.slice(0, 500) ?? "failed", doneAt: now })
            .where(and(eq(outbox.id, row.id), eq(outbox.status, "pending")));
          continue;
        }
        // A job Redis still holds but no queue list points to ("unknown": half of it lost, e.g.
        // by a crash or restart between two writes), or one that completed while its row stayed
        // pending, would never run again and, existing, would block a re-add with its id.
        if (state !== "unknown" && state !== "completed") continue;
        log.warn({ job_id: row.id, state }, "outbox job stuck in Redis; adding it again");
        await job.remove().catch(() => {});
      }
      await enqueueOutboxRow(queues, row, now);
      await db.update(outbox).set({ enqueuedAt: now }).where(eq(outbox.id, row.id));
      readded++;
    }
    if (readded > 0) log.warn({ readded }, "re-enqueued outbox rows missing from Redis");
    return readded;
  };

  const tick = () => {
    if (closed) return;
    if (pending) return;
    pending = true;
    running = running
      .then(async () => {
        pending = false;
        while (!closed && (await relayOnce()) === batchSize) {}
      })
      .catch((error: unknown) => {
        pending = false;
        log.warn({ err: error }, "outbox relay pass failed; will retry");
      });
  };

  const relayTimer = setInterval(tick, options.intervalMs ?? 250);
  // On its own chain: a pass checks up to a thousand rows against Redis one by one, and fresh
  // work must not wait behind it (the two touch disjoint rows: never enqueued / enqueued long ago).
  const reconciling = repeatPass(options.reconcileEveryMs ?? 15_000, reconcileOnce, (error) =>
    log.warn({ err: error }, "outbox reconcile failed"),
  );
  relayTimer.unref();

  return {
    nudge: (firstDue) => {
      if (!firstDue || firstDue.getTime() <= clock().getTime() + horizonMs) tick();
    },
    relayOnce,
    reconcileOnce,
    close: async () => {
      closed = true;
      clearInterval(relayTimer);
      await Promise.all([running, reconciling.stop()]);
    },
  };
}
