import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import { deliverCallbackJob } from "../actions/deliver-callback-job";
import { escalateRequestJob } from "../actions/escalate-request";
import { expireIfDue, expireOverdue } from "../actions/expire-request";
import { type ChannelNotifier, notifyChannelsJob } from "../actions/notify-channels-job";
import type { JobOutcome, OutboxRow } from "../actions/outbox-job";
import { remindRequestJob } from "../actions/remind-request";
import { nextRetryDelayMs } from "../callbacks";
import type { Ctx } from "../context";
import type { Engine } from "../engine";
import { isAppError, RetryLaterError } from "../errors";
import { idempotencyKeys, outbox } from "../store/schema";
import { OutboxJob, QUEUE_NAMES } from "./job-catalog";
import { repeatPass } from "./repeat-pass";

export interface StartWorkersOptions {
  engine: Engine;
  connection: Redis;
  prefix: string;
  notifiers?: ChannelNotifier[];
  concurrency?: number;
  /** How often overdue requests are expired (default 1 s: a request times out within about that). */
  sweepEveryMs?: number;
  /** How often old idempotency keys and finished outbox rows are deleted (default 10 minutes). */
  housekeepingEveryMs?: number;
}

export interface WorkerRuntime {
  /** Expires every overdue request. */
  sweepOnce(): Promise<void>;
  /** Deletes idempotency keys older than a day and outbox rows finished more than a week ago. */
  housekeepOnce(): Promise<void>;
  close(): Promise<void>;
}

/** Runs the BullMQ workers for every queue, the expiry sweep and the housekeeping. */
export function startWorkers(options: StartWorkersOptions): WorkerRuntime {
  const { engine } = options;
  const notifiers = options.notifiers ?? [];
  const handlers: Record<string, (ctx: Ctx, row: OutboxRow) => Promise<JobOutcome>> = {
    "callback.deliver": deliverCallbackJob,
    // Requests no longer schedule their expiry (the sweep finds them); rows written before still run.
    "request.expire": async (ctx, row) => {
      if (row.requestId) await expireIfDue(ctx, { id: row.requestId });
      return { status: "done" };
    },
    "request.notify": (ctx, row) => notifyChannelsJob(ctx, row, notifiers),
    "request.remind": remindRequestJob,
    "request.escalate": escalateRequestJob,
  };

  // Every job reads its row: built once (see actions/load-request.ts).
  const loadOutboxRow = engine.db
    .select()
    .from(outbox)
    .where(eq(outbox.id, sql.placeholder("id")))
    .limit(1)
    .prepare("cs_load_outbox_row");

  const process = async (job: Job, token?: string) => {
    const parsed = OutboxJob.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError("job payload is not an outbox reference");
    const [row] = await loadOutboxRow.execute({ id: parsed.data.outboxId });
    if (row?.status !== "pending") return;
    const handler = handlers[row.kind];
    if (!handler) throw new UnrecoverableError(`no handler for ${row.kind}`);
    // Every line a job logs names the request it works for.
    const ctx = {
      ...engine.ctx({ type: "system", reason: row.kind }),
      log: engine.log.child({ request_id: row.requestId, job: row.kind, outbox_id: row.id }),
    };
    let outcome: JobOutcome;
    try {
      outcome = await handler(ctx, row);
    } catch (error) {
      if (error instanceof RetryLaterError) {
        // A platform asked us to wait (429 Retry-After): park the job, don't block the worker or spend an attempt.
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError();
      }
      if (isAppError(error) && error.status < 500) outcome = { status: "dead", error: error.message };
      else {
        ctx.log.warn({ err: error, attempt: job.attemptsMade + 1 }, "job attempt failed; it will be retried");
        throw error;
      }
    }
    if (outcome.status === "retry") {
      ctx.log.info({ attempt: job.attemptsMade + 1, error: outcome.error }, "job will be retried");
      await engine.db
        .update(outbox)
        .set({ lastError: outcome.error?.slice(0, 500) })
        .where(eq(outbox.id, row.id));
      throw new Error(outcome.error ?? "retry");
    }
    await engine.db
      .update(outbox)
      .set({
        status: outcome.status,
        doneAt: new Date(),
        sealed: null,
        lastError: outcome.error?.slice(0, 500) ?? null,
      })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, "pending")));
  };

  const workers = QUEUE_NAMES.map(
    (name) =>
      new Worker(name, process, {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: options.concurrency ?? 8,
        // A worker killed mid-job leaves its jobs locked: BullMQ's defaults (30 s lock, checked every
        // 30 s) held them up to a minute. Locks are renewed every lockDuration/2, so long jobs are safe.
        lockDuration: 15_000,
        stalledInterval: 5_000,
        settings: { backoffStrategy: (attemptsMade: number) => nextRetryDelayMs(attemptsMade) },
      }),
  );
  for (const worker of workers) {
    worker.on("failed", (job, error) => {
      engine.log.debug({ job_id: job?.id, job: job?.name, err: error.message }, "job attempt failed");
    });
    worker.on("error", (error) => engine.log.warn({ err: error.message }, "worker error"));
  }

  const sweepOnce = async () => {
    await expireOverdue(engine.ctx({ type: "system", reason: "expiry sweep" }));
  };
  const housekeepOnce = async () => {
    const now = engine.ctx({ type: "system", reason: "housekeeping" }).now;
    await engine.db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - 24 * 3600 * 1000)));
    // Finished outbox rows are history the audit trail already holds; keep a week for debugging.
    const weekAgo = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
    await engine.db.delete(outbox).where(and(inArray(outbox.status, ["done", "dead"]), lt(outbox.doneAt, weekAgo)));
  };
  const passes = [
    repeatPass(options.sweepEveryMs ?? 1000, sweepOnce, (error) =>
      engine.log.warn({ err: error }, "expiry sweep failed"),
    ),
    repeatPass(options.housekeepingEveryMs ?? 600_000, housekeepOnce, (error) =>
      engine.log.warn({ err: error }, "housekeeping failed"),
    ),
  ];

  return {
    sweepOnce,
    housekeepOnce,
    close: async () => {
      await Promise.all([...passes.map((p) => p.stop()), ...workers.map((w) => w.close())]);
    },
  };
}
