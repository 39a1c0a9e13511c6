import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    env: { COUNTERSIGN_MAX_PENDING_PER_REQUESTER: "3", COUNTERSIGN_RATE_LIMIT_PER_MINUTE: "40" },
  });
});
afterAll(() => t?.close());

describe("a looping agent cannot flood approvers", () => {
  it("merges identical pending requests into one, and says so", async () => {
    const requester = await t.createKey(["requests:write", "requests:read"]);
    const body = baseRequest({ requester: { type: "agent", id: "loop-agent" } });
    const first = await t.api(requester.key)("POST", "/v1/requests", body);
    expect(first.status).toBe(201);
    const repeats = await Promise.all(
      Array.from({ length: 5 }, () => t.api(requester.key)("POST", "/v1/requests", body)),
    );
    for (const repeat of repeats) {
      expect(repeat.status).toBe(200);
      expect(repeat.body).toMatchObject({ id: first.body.id, status: "pending", merged: true });
    }
    const pending = await t.api(requester.key)("GET", "/v1/requests?status=pending&limit=100");
    expect(
      pending.body.items.filter((r: { requester: { id: string } }) => r.requester.id === "loop-agent"),
    ).toHaveLength(1);
    const auditor = await t.createKey(["audit:read"]);
    const audit = await t.api(auditor.key)("GET", "/v1/audit?limit=1000");
    expect(
      audit.body.items.filter(
        (e: { type: string; request_id: string }) => e.type === "request.merged" && e.request_id === first.body.id,
      ),
    ).toHaveLength(5);
  });

  it("identical requests arriving at once create one request; the others merge into it", async () => {
    const requester = await t.createKey(["requests:write"]);
    const body = baseRequest({ requester: { type: "agent", id: "burst-agent" } });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t.api(requester.key)("POST", "/v1/requests", body)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it("other params are another request; once decided, the same params may be asked again", async () => {
    const requester = await t.createKey(["requests:write"]);
    const alice = await t.createKey(["decisions:write"], "alice@example.com");
    const body = baseRequest({ environment: "staging", requester: { type: "agent", id: "redo-agent" } });
    const first = await t.api(requester.key)("POST", "/v1/requests", body);
    const other = await t.api(requester.key)("POST", "/v1/requests", { ...body, params: { table: "orders" } });
    expect(other.body.id).not.toBe(first.body.id);
    await t.api(alice.key)("POST", `/v1/requests/${first.body.id}/decisions`, { verdict: "approve" });
    const again = await t.api(requester.key)("POST", "/v1/requests", body);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
  });

  it("caps pending requests per requester with 429 and Retry-After", async () => {
    const requester = await t.createKey(["requests:write"]);
    const ask = () =>
      t.api(requester.key)("POST", "/v1/requests", baseRequest({ requester: { type: "agent", id: "greedy-agent" } }));
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(201);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe("rate_limited");
    expect(refused.headers.get("retry-after")).toBeTruthy();
  });
});

describe("per-key rate limits", () => {
  it("answers 429 problem+json with Retry-After past the limit, for that key only", async () => {
    const noisy = await t.createKey(["requests:read"]);
    const quiet = await t.createKey(["requests:read"]);
    const statuses: number[] = [];
    let limited: { status: number; body: Record<string, any>; headers: Headers } | undefined;
    for (let i = 0; i < 45; i++) {
      const res = await t.api(noisy.key)("GET", "/v1/requests?limit=1");
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(limited?.headers.get("content-type")).toContain("application/problem+json");
    expect(limited?.body.code).toBe("rate_limited");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await t.api(quiet.key)("GET", "/v1/requests?limit=1")).status).toBe(200);
  });
});
