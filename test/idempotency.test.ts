import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

let t: TestServer;
let requester: { key: string };
beforeAll(async () => {
  t = await startTestServer();
  requester = await t.createKey(["requests:write", "requests:read"]);
});
afterAll(() => t?.close());

describe("Idempotency-Key", () => {
  it("replays the same result (200) for the same key and body, with no second request", async () => {
    const headers = { "idempotency-key": "deploy-42" };
    const body = baseRequest();
    const first = await t.api(requester.key)("POST", "/v1/requests", body, headers);
    const replay = await t.api(requester.key)("POST", "/v1/requests", body, headers);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const list = await t.api(requester.key)("GET", "/v1/requests?limit=100");
    expect(list.body.items.filter((r: { id: string }) => r.id === first.body.id)).toHaveLength(1);
    expect(list.body.items).toHaveLength(1);
  });

  it("replays an auto-approval with the same token", async () => {
    const headers = { "idempotency-key": "query-1" };
    const body = baseRequest({ action: "db.query.users" });
    const first = await t.api(requester.key)("POST", "/v1/requests", body, headers);
    const replay = await t.api(requester.key)("POST", "/v1/requests", body, headers);
    expect(replay.body.token).toBe(first.body.token);
  });

  it("refuses the same key with another body (422) and stores nothing", async () => {
    const headers = { "idempotency-key": "deploy-43" };
    await t.api(requester.key)("POST", "/v1/requests", baseRequest(), headers);
    const before = await t.api(requester.key)("GET", "/v1/requests?limit=100");
    const other = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ reason: "different" }), headers);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_mismatch");
    const after = await t.api(requester.key)("GET", "/v1/requests?limit=100");
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it("concurrent first uses of one key create exactly one request", async () => {
    const headers = { "idempotency-key": "race-1" };
    const body = baseRequest({ reason: "race" });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.api(requester.key)("POST", "/v1/requests", body, headers)),
    );
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
  });

  it("keys are scoped to the API key that used them", async () => {
    const other = await t.createKey(["requests:write"]);
    const headers = { "idempotency-key": "shared-name" };
    const a = await t.api(requester.key)("POST", "/v1/requests", baseRequest(), headers);
    const b = await t.api(other.key)("POST", "/v1/requests", baseRequest({ reason: "other" }), headers);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });
});
