import { queryRows } from "@countersign/approvals";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCallbackReceiver } from "./support/callback-receiver";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

// Only this server's keys are flushed: other test files share the Redis and run in parallel.
async function flushOurRedis() {
  const keys = await t.redis.keys(`${t.prefix}:*`);
  if (keys.length) await t.redis.del(...keys);
  return keys.length;
}

/** An approved request whose first callback delivery was refused (503): its job waits for a retry. */
async function approvedWithFirstDeliveryRefused() {
  const requester = await t.createKey(["requests:write"]);
  const alice = await t.createKey(["decisions:write"], "alice@example.com");
  const receiver = await startCallbackReceiver((n) => (n === 1 ? 503 : 200));
  const created = await t.api(requester.key)(
    "POST",
    "/v1/requests",
    baseRequest({ environment: "staging", callback: { url: receiver.url } }),
  );
  await t.api(alice.key)("POST", `/v1/requests/${created.body.id}/decisions`, { verdict: "approve" });
  for (let i = 0; i < 100 && receiver.attempts() < 1; i++) await new Promise((r) => setTimeout(r, 50));
  expect(receiver.attempts()).toBe(1);
  const [callbackRow] = await queryRows<{ id: string }>(
    t.engine.db,
    sql`select id from outbox where request_id = ${created.body.id} and kind = 'callback.deliver'`,
  );
  return { receiver, jobId: callbackRow!.id };
}

describe("Redis loses everything", () => {
  it("between submit and decision: the callback is still delivered", async () => {
    const requester = await t.createKey(["requests:write"]);
    const alice = await t.createKey(["decisions:write"], "alice@example.com");
    const receiver = await startCallbackReceiver();
    try {
      const created = await t.api(requester.key)(
        "POST",
        "/v1/requests",
        baseRequest({ environment: "staging", callback: { url: receiver.url } }),
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(await flushOurRedis()).toBeGreaterThan(0);
      await t.api(alice.key)("POST", `/v1/requests/${created.body.id}/decisions`, { verdict: "approve" });
      const [callback] = await receiver.waitFor(1);
      expect(callback!.json.type).toBe("request.approved");
      expect(callback!.json.data.token).toMatch(/^cst_/);
    } finally {
      await receiver.close();
    }
  });

  it("while a callback waits for its retry: the reconciler re-enqueues it, same webhook-id", async () => {
    const { receiver } = await approvedWithFirstDeliveryRefused();
    try {
      await flushOurRedis();
      const [callback] = await receiver.waitFor(1, 20_000);
      expect(callback!.json.type).toBe("request.approved");
      expect(String(callback!.headers["webhook-id"])).toMatch(/^obx_/);
    } finally {
      await receiver.close();
    }
  });

  it("a job Redis keeps but no queue list points to: the reconciler adds it again", async () => {
    const { receiver, jobId } = await approvedWithFirstDeliveryRefused();
    try {
      // The job waits 5 s for its retry in the delayed set; take it out of the set only. (Only
      // this one: an earlier test's job may still be retrying there.)
      const delayed = `${t.prefix}:callbacks:delayed`;
      let removed = 0;
      for (let i = 0; i < 40 && removed === 0; i++) {
        removed = await t.redis.zrem(delayed, jobId);
        if (removed === 0) await new Promise((r) => setTimeout(r, 25));
      }
      expect(removed).toBe(1);
      const [callback] = await receiver.waitFor(1, 20_000);
      expect(callback!.json.type).toBe("request.approved");
    } finally {
      await receiver.close();
    }
  });
});

describe("expiry needs nothing in Redis", () => {
  it("a request writes no expiry work; the sweep finds it overdue in Postgres and expires it", async () => {
    const requester = await t.createKey(["requests:write"]);
    const reader = await t.createKey(["requests:read"]);
    const receiver = await startCallbackReceiver();
    try {
      const created = await t.api(requester.key)(
        "POST",
        "/v1/requests",
        baseRequest({ ttl_seconds: 1, params: { expiry: "sweep" }, callback: { url: receiver.url } }),
      );
      const id = created.body.id as string;
      const work = await queryRows<{ kind: string }>(
        t.engine.db,
        sql`select kind from outbox where request_id = ${id}`,
      );
      expect(work.map((w) => w.kind)).not.toContain("request.expire");
      const [callback] = await receiver.waitFor(1, 10_000);
      expect(callback!.json).toMatchObject({ type: "request.expired", data: { status: "expired", reason: "timeout" } });
      expect((await t.api(reader.key)("GET", `/v1/requests/${id}`)).body.status).toBe("expired");
    } finally {
      await receiver.close();
    }
  });
});
