import type { JobsOptions } from "bullmq";
import { z } from "zod";

// Every job carries only an outbox id: the row holds the work, the queue only points at it
// (so nothing sensitive is ever in Redis and a lost queue can be rebuilt from Postgres).
export const OutboxJob = z.object({ outboxId: z.string().regex(/^obx_[A-Za-z0-9_-]{10,}$/) }).strict();
export type OutboxJob = z.infer<typeof OutboxJob>;

export const JOB_KINDS = [
  "callback.deliver",
  "request.expire",
  "request.notify",
  "request.remind",
  "request.escalate",
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const QUEUE_NAMES = ["callbacks", "expiry", "notifications"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

interface JobSpec {
  queue: QueueName;
  options: JobsOptions;
}

const keep = { removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };

export const JOB_CATALOG: Record<JobKind, JobSpec> = {
  // Retries follow the contract's schedule through the worker's custom backoff; the processor
  // itself stops when the token expires or 24 h pass.
  "callback.deliver": { queue: "callbacks", options: { attempts: 100, backoff: { type: "callback" }, ...keep } },
  "request.expire": {
    queue: "expiry",
    options: { attempts: 10, backoff: { type: "exponential", delay: 1000 }, ...keep },
  },
  "request.notify": {
    queue: "notifications",
    options: { attempts: 20, backoff: { type: "exponential", delay: 1000 }, ...keep },
  },
  // Timers like expiry: they only write outbox rows, so they share its queue.
  "request.remind": {
    queue: "expiry",
    options: { attempts: 10, backoff: { type: "exponential", delay: 1000 }, ...keep },
  },
  "request.escalate": {
    queue: "expiry",
    options: { attempts: 10, backoff: { type: "exponential", delay: 1000 }, ...keep },
  },
};

export function isJobKind(kind: string): kind is JobKind {
  return (JOB_KINDS as readonly string[]).includes(kind);
}
