import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe("one-time tokens", () => {
  it("of 50 concurrent redeems exactly one succeeds", async () => {
    const requester = await t.createKey(["requests:write"]);
    const executor = await t.createKey(["tokens:redeem"]);
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ action: "db.query.orders" }));
    const token = created.body.token as string;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.api(executor.key)("POST", "/v1/tokens/redeem", { token })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  });

  it("refuses an unknown token, a malformed one, and a key without tokens:redeem", async () => {
    const executor = await t.createKey(["tokens:redeem"]);
    const unknown = await t.api(executor.key)("POST", "/v1/tokens/redeem", { token: `cst_${"A".repeat(43)}` });
    expect(unknown.status).toBe(404);
    const malformed = await t.api(executor.key)("POST", "/v1/tokens/redeem", { token: "nope" });
    expect(malformed.status).toBe(422);
    const writer = await t.createKey(["requests:write"]);
    const forbidden = await t.api(writer.key)("POST", "/v1/tokens/redeem", { token: `cst_${"A".repeat(43)}` });
    expect(forbidden.status).toBe(403);
  });

  it("lives 15 minutes at most, and as briefly as the rule's token_ttl says", async () => {
    const requester = await t.createKey(["requests:write"]);
    const auto = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ action: "db.query.orders" }));
    const lifetime = Date.parse(auto.body.token_expires_at) - Date.now();
    expect(lifetime).toBeGreaterThan(50_000);
    expect(lifetime).toBeLessThanOrEqual(60_000);
  });

  it("refuses an expired token with 410", async () => {
    const requester = await t.createKey(["requests:write"]);
    const executor = await t.createKey(["tokens:redeem"]);
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ action: "db.query.orders" }));
    await t.engine.db.execute(
      // Past expiry without waiting 15 minutes: move the deadline, not the clock.
      (await import("drizzle-orm"))
        .sql`update tokens set expires_at = now() - interval '1 second' where request_id = ${created.body.id}`,
    );
    const res = await t.api(executor.key)("POST", "/v1/tokens/redeem", { token: created.body.token });
    expect(res.status).toBe(410);
    expect(res.body.code).toBe("token_expired");
  });
});
