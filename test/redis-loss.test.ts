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

describe("Redis holds only work due soon", () => {
  it("a far-off expiry stays in Postgres; one due within the minute is queued", async () => {
    const requester = await t.createKey(["requests:write"]);
    const ask = (ttl: number) =>
      t.api(requester.key)("POST", "/v1/requests", baseRequest({ ttl_seconds: ttl, params: { ttl } }));
    const later = (await ask(3600)).body.id as string;
    const soon = (await ask(30)).body.id as string;
    const expiryOf = async (id: string) => {
      const [row] = await queryRows<{ id: string; enqueued: boolean }>(
        t.engine.db,
        sql`select id, enqueued_at is not null as enqueued from outbox where request_id = ${id} and kind = 'request.expire'`,
      );
      return { ...row!, inRedis: (await t.redis.exists(`${t.prefix}:expiry:${row!.id}`)) === 1 };
    };
    for (let i = 0; i < 100 && !(await expiryOf(soon)).enqueued; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await expiryOf(soon)).toMatchObject({ enqueued: true, inRedis: true });
    expect(await expiryOf(later)).toMatchObject({ enqueued: false, inRedis: false });
  });
});
