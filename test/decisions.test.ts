import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCallbackReceiver } from "./support/callback-receiver";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

let t: TestServer;
let requester: { key: string };
const approver: Record<string, { key: string }> = {};

beforeAll(async () => {
  t = await startTestServer();
  requester = await t.createKey(["requests:write"]);
  for (const name of ["alice", "bob", "carol", "mallory"]) {
    approver[name] = await t.createKey(["decisions:write"], `${name}@example.com`);
  }
});
afterAll(() => t?.close());

const submit = (overrides: Record<string, unknown> = {}) =>
  t.api(requester.key)("POST", "/v1/requests", baseRequest(overrides));
const decide = (who: string, id: string, body: Record<string, unknown>) =>
  t.api(approver[who]!.key)("POST", `/v1/requests/${id}/decisions`, body);

describe("policy outcomes", () => {
  it("auto-approves with a token in the response", async () => {
    const res = await submit({ action: "db.query.users", environment: "production" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "approved",
      decision_mode: "auto_approved",
      policy: { rule: "read-only" },
    });
    expect(res.body.token).toMatch(/^cst_/);
  });

  it("denies by policy, with a callback saying so and no token", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const res = await submit({ action: "iam.delete_root", callback: { url: receiver.url } });
      expect(res.body).toMatchObject({
        status: "denied",
        decision_mode: "denied_by_policy",
        policy: { rule: "forbidden" },
      });
      expect(res.body.token).toBeUndefined();
      const [callback] = await receiver.waitFor(1);
      expect(callback!.json.type).toBe("request.denied");
      expect(callback!.json.data.token).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });
});

describe("who may decide", () => {
  it("refuses self-approval by requester.id and by on_behalf_of, and changes nothing", async () => {
    const byId = await submit({ requester: { type: "human", id: "alice@example.com" } });
    const refusedId = await decide("alice", byId.body.id, { verdict: "approve" });
    expect(refusedId.status).toBe(403);
    expect(refusedId.body.code).toBe("self_approval");

    const onBehalf = await submit({ requester: { type: "agent", id: "etl-agent", on_behalf_of: "Bob@Example.com" } });
    const refusedBehalf = await decide("bob", onBehalf.body.id, { verdict: "approve" });
    expect(refusedBehalf.status).toBe(403);
    expect(refusedBehalf.body.code).toBe("self_approval");
    expect(onBehalf.body.approvers).not.toContain("bob@example.com");

    const view = await t.api(approver.carol!.key)("POST", `/v1/requests/${onBehalf.body.id}/decisions`, {
      verdict: "approve",
    });
    expect(view.body.approvals).toBe(1);
    expect(view.body.decisions).toHaveLength(1);
  });

  it("refuses a non-approver", async () => {
    const res = await submit();
    const refused = await decide("mallory", res.body.id, { verdict: "approve" });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("not_an_approver");
  });

  it("refuses any decision after the final state", async () => {
    const res = await submit({ environment: "staging" });
    expect((await decide("alice", res.body.id, { verdict: "approve" })).body.status).toBe("approved");
    const late = await decide("bob", res.body.id, { verdict: "deny", reason: "too late" });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("already_decided");
  });

  it("any deny denies, and a rule may require a reason", async () => {
    const res = await submit();
    const noReason = await decide("alice", res.body.id, { verdict: "deny" });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe("reason_required");
    await decide("bob", res.body.id, { verdict: "approve" });
    const denied = await decide("carol", res.body.id, { verdict: "deny", reason: "not during the freeze" });
    expect(denied.body).toMatchObject({ status: "denied", approvals: 1 });
  });

  it("racing approvers never over-count: two of two concurrent approvals approve exactly once", async () => {
    const res = await submit();
    const results = await Promise.all([
      decide("alice", res.body.id, { verdict: "approve" }),
      decide("carol", res.body.id, { verdict: "approve" }),
      decide("alice", res.body.id, { verdict: "approve" }),
      decide("carol", res.body.id, { verdict: "approve" }),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    // An approver's key reads what it is asked to decide; one that is not an approver cannot.
    expect((await t.api(approver.alice!.key)("GET", `/v1/requests/${res.body.id}`)).status).toBe(200);
    expect((await t.api(approver.mallory!.key)("GET", `/v1/requests/${res.body.id}`)).status).toBe(404);
    const reader = await t.createKey(["requests:read"]);
    const seen = await t.api(reader.key)("GET", `/v1/requests/${res.body.id}`);
    expect(seen.body).toMatchObject({ status: "approved", approvals: 2 });
    expect(seen.body.decisions).toHaveLength(2);
  });
});

describe("expiry and cancel", () => {
  it("expires a request at its ttl and calls back request.expired", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const res = await submit({ ttl_seconds: 1, callback: { url: receiver.url } });
      const [callback] = await receiver.waitFor(1, 10_000);
      expect(callback!.json.type).toBe("request.expired");
      const late = await decide("alice", res.body.id, { verdict: "approve" });
      expect(late.body.code).toBe("already_decided");
    } finally {
      await receiver.close();
    }
  });

  it("lets only the requester cancel, once", async () => {
    const res = await submit();
    const other = await t.createKey(["requests:write"]);
    const foreign = await t.api(other.key)("POST", `/v1/requests/${res.body.id}/cancel`, {});
    expect(foreign.status).toBe(403);
    const cancelled = await t.api(requester.key)("POST", `/v1/requests/${res.body.id}/cancel`, {
      reason: "not needed",
    });
    expect(cancelled.body.status).toBe("cancelled");
    const twice = await t.api(requester.key)("POST", `/v1/requests/${res.body.id}/cancel`, {});
    expect(twice.body.code).toBe("already_decided");
    expect((await decide("alice", res.body.id, { verdict: "approve" })).body.code).toBe("already_decided");
  });
});

describe("listing", () => {
  it("lists newest first with a working cursor, filtered by status", async () => {
    const reader = await t.createKey(["requests:read"]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submit({ reason: `list ${i}` })).body.id);
    const page1 = await t.api(reader.key)("GET", "/v1/requests?status=pending&limit=2");
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0].id).toBe(ids[2]);
    expect(page1.body.items[1].id).toBe(ids[1]);
    const page2 = await t.api(reader.key)(
      "GET",
      `/v1/requests?status=pending&limit=2&cursor=${page1.body.next_cursor}`,
    );
    expect(page2.body.items[0].id).toBe(ids[0]);
    expect(page2.body.items.every((r: { status: string }) => r.status === "pending")).toBe(true);
  });
});
