import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { QUEUE_NAMES, type QueueName } from "./job-catalog";

export interface Queues {
  byName: Record<QueueName, Queue>;
  prefix: string;
  close(): Promise<void>;
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const byName = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })]),
  ) as Record<QueueName, Queue>;
  return {
    byName,
    prefix,
    close: async () => {
      await Promise.all(Object.values(byName).map((q) => q.close()));
    },
  };
}
