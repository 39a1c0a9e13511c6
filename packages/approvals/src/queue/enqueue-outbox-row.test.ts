import { randomBytes } from "node:crypto";
import { type Job, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { CARD_UPDATE_PRIORITY, enqueueOutboxRow, jobPriority } from "./enqueue-outbox-row";
import { createQueues } from "./queues";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const queues = createQueues(connection, `cs-test-prio-${randomBytes(4).toString("hex")}`);
afterAll(async () => {
  await Promise.all(Object.values(queues.byName).map((q) => q.obliterate({ force: true })));
  await queues.close();
  connection.disconnect();
});

const row = (n: number, event: string) => ({
  id: `obx_${String(n).padStart(12, "0")}`,
  kind: "request.notify",
  availableAt: new Date(0),
  event,
});

describe("job priority", () => {
  it("new and escalated cards are served first; updates, DMs and other kinds keep their order", () => {
    expect(jobPriority(row(1, "request.created"))).toBeUndefined();
    expect(jobPriority(row(1, "request.escalated"))).toBeUndefined();
    expect(jobPriority(row(1, "request.decision"))).toBe(CARD_UPDATE_PRIORITY);
    expect(jobPriority(row(1, "request.approved"))).toBe(CARD_UPDATE_PRIORITY);
    expect(jobPriority({ kind: "request.notify", event: null })).toBe(CARD_UPDATE_PRIORITY);
    expect(jobPriority({ kind: "callback.deliver", event: null })).toBeUndefined();
    expect(jobPriority({ kind: "request.expire" })).toBeUndefined();
  });

  it("a new card queued behind a backlog of card updates is processed before them", async () => {
    for (let i = 0; i < 30; i++) await enqueueOutboxRow(queues, row(i, "request.decision"), new Date(0));
    await enqueueOutboxRow(queues, row(100, "request.created"), new Date(0));
    const order: string[] = [];
    const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const done = new Promise<void>((resolve) => {
      const worker = new Worker(
        "notifications",
        async (job: Job) => {
          order.push(String(job.id));
          if (order.length === 31) setImmediate(() => worker.close().then(resolve));
        },
        { connection: workerConnection, prefix: queues.prefix, concurrency: 1 },
      );
    });
    await done;
    workerConnection.disconnect();
    expect(order[0]).toBe(row(100, "").id);
    expect(order.slice(1)).toEqual(Array.from({ length: 30 }, (_, i) => row(i, "").id));
  });
});
