import { queryRows } from "@countersign/approvals";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

let t: TestServer;
let requester: { key: string };
beforeAll(async () => {
  t = await startTestServer();
  requester = await t.createKey(["requests:write"]);
});
afterAll(() => t?.close());

const deep = (levels: number): Record<string, unknown> => {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
};

const cases: [string, string | Record<string, unknown>, number, string][] = [
  ["malformed JSON", '{"action": "db.export",', 400, "malformed_request"],
  ["a JSON array", "[1,2,3]", 422, "validation_failed"],
  ["a missing action", { ...baseRequest(), action: undefined }, 422, "validation_failed"],
  ["a bad action name", baseRequest({ action: "DROP TABLE users;" }), 422, "validation_failed"],
  ["an action too long", baseRequest({ action: "a".repeat(129) }), 422, "validation_failed"],
  ["a wrong type", baseRequest({ ttl_seconds: "soon" }), 422, "validation_failed"],
  ["a zero ttl", baseRequest({ ttl_seconds: 0 }), 422, "validation_failed"],
  ["an unknown requester type", baseRequest({ requester: { type: "robot", id: "x" } }), 422, "validation_failed"],
  ["an unknown field", baseRequest({ priority: "high" }), 422, "validation_failed"],
  ["params that are not an object", baseRequest({ params: "table=customers" }), 422, "validation_failed"],
  ["deep nesting", baseRequest({ params: deep(200) }), 422, "validation_failed"],
  [
    "a __proto__ key",
    '{"action":"db.export","requester":{"type":"agent","id":"a"},"params":{"__proto__":{"admin":true}}}',
    400,
    "malformed_request",
  ],
  [
    "a constructor.prototype key",
    '{"action":"db.export","requester":{"type":"agent","id":"a"},"params":{"constructor":{"prototype":{"x":1}}}}',
    400,
    "malformed_request",
  ],
  [
    "a callback that is not https",
    baseRequest({ callback: { url: "ftp://example.com/hook" } }),
    422,
    "validation_failed",
  ],
  [
    "a malformed callback secret",
    baseRequest({ callback: { url: "https://example.com/h", secret: "hunter2" } }),
    422,
    "validation_failed",
  ],
  ["an oversize body", baseRequest({ params: { blob: "x".repeat(300 * 1024) } }), 413, "payload_too_large"],
];

async function requestCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.engine.db, sql`select count(*)::int as n from requests`);
  return row!.n;
}

describe("bad input gets a 4xx problem and stores nothing", () => {
  it.each(cases)("%s", async (_name, body, status, code) => {
    const before = await requestCount();
    const res = await t.api(requester.key)(
      "POST",
      "/v1/requests",
      typeof body === "string" ? body : JSON.stringify(body),
    );
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toMatchObject({
      status,
      code,
      title: expect.any(String),
      detail: expect.any(String),
      type: expect.any(String),
    });
    expect(await requestCount()).toBe(before);
  });

  it("names every invalid field with its path", async () => {
    const res = await t.api(requester.key)("POST", "/v1/requests", {
      action: "BAD",
      requester: { type: "robot" },
      extra: 1,
    });
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["action", "requester.type", "requester.id"]));
    expect(JSON.stringify(res.body.errors)).toContain("extra");
  });

  it("refuses a missing, malformed or revoked key with 401", async () => {
    const noKey = await fetch(`${t.url}/v1/requests`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(noKey.status).toBe(401);
    expect((await t.api("csk_not-a-real-key")("GET", "/v1/requests")).status).toBe(401);
    const key = await t.createKey(["requests:read"]);
    const { revokeApiKey } = await import("@countersign/approvals");
    await revokeApiKey(t.engine.ctx({ type: "cli", user: "test" }), key.id);
    expect((await t.api(key.key)("GET", "/v1/requests")).status).toBe(401);
  });

  it("a key revoked after it was used (and cached for ingest) is refused at once, and nothing is written", async () => {
    const key = await t.createKey(["requests:write"]);
    const ask = (params: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.api(key.key)(
        "POST",
        "/v1/requests",
        baseRequest({ requester: { type: "agent", id: "revoked-agent" }, params }),
        headers,
      );
    expect((await ask({ run: 1 })).status).toBe(201);
    const { revokeApiKey } = await import("@countersign/approvals");
    await revokeApiKey(t.engine.ctx({ type: "cli", user: "test" }), key.id);
    expect((await ask({ run: 2 })).status).toBe(401);
    expect((await ask({ run: 1 })).status).toBe(401); // the pending duplicate is not merged into either
    expect((await ask({ run: 3 }, { "idempotency-key": "after-revoke" })).status).toBe(401);
    const rows = await queryRows<{ n: number }>(
      t.engine.db,
      sql`select count(*)::int as n from requests where requester_id = 'revoked-agent'`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("answers unknown routes and ids with a problem, never a 500", async () => {
    const reader = await t.createKey(["requests:read"]);
    expect((await t.api(reader.key)("GET", "/v1/nothing-here")).body.code).toBe("not_found");
    expect((await t.api(reader.key)("GET", "/v1/requests/req_doesnotexist")).status).toBe(404);
    expect((await t.api(reader.key)("GET", "/v1/requests/../../etc")).status).toBeLessThan(500);
    expect((await t.api(reader.key)("GET", "/v1/requests?limit=100000")).body.code).toBe("validation_failed");
    expect((await t.api(reader.key)("GET", "/v1/requests?cursor=garbage")).body.code).toBe("validation_failed");
    expect((await t.api(reader.key)("GET", "/v1/requests/req_x?wait=999")).body.code).toBe("validation_failed");
  });

  it("refuses an over-long Idempotency-Key", async () => {
    const res = await t.api(requester.key)("POST", "/v1/requests", baseRequest(), {
      "idempotency-key": "k".repeat(256),
    });
    expect(res.status).toBe(422);
  });
});
