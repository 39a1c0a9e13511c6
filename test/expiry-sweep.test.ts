import { expireOverdue } from "@countersign/approvals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allAuditEvents } from "./support/audit-events";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

// The server's own workers sweep every 250 ms here; the test runs more sweeps beside them.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { COUNTERSIGN_RATE_LIMIT_PER_MINUTE: "10000" } });
});
afterAll(() => t?.close());

describe("the expiry sweep", () => {
  it("expires every overdue request exactly once while several sweeps race, across batches", async () => {
    const requester = await t.createKey(["requests:write"]);
    const create = (i: number) =>
      t.api(requester.key)(
        "POST",
        "/v1/requests",
        baseRequest({ ttl_seconds: 1, requester: { type: "agent", id: `sweeper-${i % 3}` } }),
      );
    const ids: string[] = [];
    for (let i = 0; i < 150; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, k) => create(i + k)));
      for (const res of batch) {
        expect(res.status).toBe(201);
        ids.push(res.body.id as string);
      }
    }
    await new Promise((r) => setTimeout(r, 1100));
    // Three more sweeps in small batches, racing the server's and each other.
    const ctx = () => t.engine.ctx({ type: "system", reason: "test sweep" });
    const counts = await Promise.all([expireOverdue(ctx(), 20), expireOverdue(ctx(), 20), expireOverdue(ctx(), 20)]);
    expect(counts.every((n) => n >= 0)).toBe(true);

    const reader = await t.createKey(["requests:read"]);
    const statusOf = async (id: string) => (await t.api(reader.key)("GET", `/v1/requests/${id}`)).body.status;
    for (let i = 0; i < 100 && (await Promise.all(ids.map(statusOf))).includes("pending"); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(new Set(await Promise.all(ids.map(statusOf)))).toEqual(new Set(["expired"]));

    const expiredEvents = new Map<string, number>();
    for (const e of await allAuditEvents(t)) {
      if (e.type === "request.expired" && e.request_id) {
        expiredEvents.set(e.request_id, (expiredEvents.get(e.request_id) ?? 0) + 1);
      }
    }
    expect(ids.filter((id) => expiredEvents.get(id) !== 1)).toEqual([]);
  });

  it("leaves a request that is not yet due", async () => {
    const requester = await t.createKey(["requests:write"]);
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ ttl_seconds: 3600 }));
    await expireOverdue(t.engine.ctx({ type: "system", reason: "test sweep" }));
    const reader = await t.createKey(["requests:read"]);
    expect((await t.api(reader.key)("GET", `/v1/requests/${created.body.id}`)).body.status).toBe("pending");
  });
});
