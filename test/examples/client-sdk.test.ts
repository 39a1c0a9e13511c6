import { randomBytes } from "node:crypto";
import {
  type CountersignClient,
  CountersignError,
  CountersignUnreachableError,
  createClient,
  paramsDigest,
  verifyCallback,
} from "@countersign/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCallbackReceiver } from "../support/callback-receiver";
import { startTestServer, type TestServer } from "../support/start-test-server";
import { decideWhenPending } from "./decide-when-pending";

let t: TestServer;
let agent: CountersignClient;
let alice: CountersignClient;
let aliceKey: string;
beforeAll(async () => {
  t = await startTestServer();
  agent = createClient({ baseUrl: t.url, apiKey: (await t.createKey(["requests:write", "tokens:redeem"])).key });
  aliceKey = (await t.createKey(["decisions:write"], "alice@example.com")).key;
  alice = createClient({ baseUrl: `${t.url}/`, apiKey: aliceKey });
});
afterAll(() => t?.close());

const requester = { type: "pipeline" as const, id: "deploy-bot" };
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a refusal"),
    (e) => e,
  );

describe("@countersign/client against the real server", { timeout: 60_000 }, () => {
  it("requestApproval waits for approval and returns a token bound to the params", async () => {
    const params = { service: "api", version: "1.2.3", regions: ["eu", "us"] };
    const running = agent.requestApproval({ action: "sdk.approve", environment: "staging", requester, params });
    await decideWhenPending(t, aliceKey, "sdk.approve", "approve");
    const outcome = await running;
    if (outcome.status !== "approved") throw new Error(`expected approval, got ${outcome.status}`);
    expect(outcome.token).toMatch(/^cst_/);
    expect(Date.parse(outcome.tokenExpiresAt ?? "")).toBeGreaterThan(Date.now());
    expect(outcome.request).toMatchObject({ status: "approved", params_digest: paramsDigest(params), approvals: 1 });

    const token = outcome.token ?? "";
    const mismatch = await rejection(agent.redeem(token, { paramsDigest: paramsDigest({ ...params, version: "9" }) }));
    expect(mismatch).toBeInstanceOf(CountersignError);
    expect(mismatch).toMatchObject({ status: 422, code: "params_mismatch" });
    const redeemed = await agent.redeem(token, { paramsDigest: paramsDigest(params) });
    expect(redeemed).toMatchObject({ request_id: outcome.request.id, approved_by: ["alice@example.com"] });
    expect(await rejection(agent.redeem(token))).toMatchObject({ status: 409, code: "token_used" });
  });

  it("denial, expiry, timeout and cancellation are outcomes, not errors", async () => {
    const denied = agent.requestApproval({ action: "sdk.deny", requester });
    await decideWhenPending(t, aliceKey, "sdk.deny", "deny", "freeze week");
    expect(await denied).toMatchObject({ status: "denied", request: { decisions: [{ verdict: "deny" }] } });

    const expired = await agent.requestApproval({ action: "sdk.expire", requester, ttlSeconds: 1 });
    expect(expired.status).toBe("expired");
    const timedOut = await agent.requestApproval({ action: "sdk.timeout", requester, wait: { timeoutMs: 1200 } });
    expect(timedOut).toMatchObject({ status: "timeout", request: { status: "pending" } });

    const pending = await agent.requestApproval({ action: "sdk.cancel", requester, wait: false });
    expect(pending.status).toBe("pending");
    expect(await agent.cancel(pending.request.id, "not needed")).toMatchObject({ status: "cancelled" });
    expect((await agent.getRequest(pending.request.id)).status).toBe("cancelled");
    const forbidden = await agent.requestApproval({ action: "iam.delete_root", requester });
    expect(forbidden).toMatchObject({ status: "denied", request: { decision_mode: "denied_by_policy" } });
  });

  it("delivers the token by signed callback, which verifyCallback checks", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const secret = `whsec_${randomBytes(32).toString("base64")}`;
      const callback = { url: receiver.url, secret };
      const created = await agent.createRequest({ action: "sdk.callback", requester, callback });
      await alice.decide(created.id, "approve");
      const outcome = toOutcomeStatus(await agent.waitForDecision(created.id, { timeoutMs: 10_000 }));
      expect(outcome).toEqual({ status: "approved", token: undefined });
      const [delivery] = await receiver.waitFor(1);
      const event = verifyCallback(delivery!.body, delivery!.headers, secret);
      if (event.type !== "request.approved") throw new Error(`unexpected ${event.type}`);
      expect(event.data).toMatchObject({ request_id: created.id, status: "approved" });
      expect((await agent.redeem(event.data.token)).request_id).toBe(created.id);
      const wrongSecret = `whsec_${randomBytes(32).toString("base64")}`;
      expect(() => verifyCallback(delivery!.body, delivery!.headers, wrongSecret)).toThrow(/invalid callback/);
    } finally {
      await receiver.close();
    }
  });

  it("replays an Idempotency-Key, lists and audits", async () => {
    const input = {
      action: "sdk.idempotent",
      requester,
      params: { n: 1 },
      idempotencyKey: randomBytes(8).toString("hex"),
    };
    const first = await agent.createRequest(input);
    const again = await agent.createRequest(input);
    expect(again.id).toBe(first.id);
    const mismatch = await rejection(agent.createRequest({ ...input, params: { n: 2 } }));
    expect(mismatch).toMatchObject({ status: 422, code: "idempotency_mismatch" });

    const page = await agent.listRequests({ status: "pending", limit: 100 });
    expect(page.items.map((r) => r.id)).toContain(first.id);
    const auditor = createClient({ baseUrl: t.url, apiKey: (await t.createKey(["audit:read"])).key });
    const trail = await auditor.audit({ after: 0, limit: 2 });
    expect(trail.items).toHaveLength(2);
    expect(trail.next_after).toBe(trail.items[1]?.seq);
    const next = await auditor.audit({ after: trail.next_after ?? 0, limit: 1 });
    expect(next.items[0]?.seq).toBeGreaterThan(trail.items[1]?.seq ?? 0);
  });

  it("reports refusals with their stable code, detail and field errors", async () => {
    const invalid = await rejection(agent.createRequest({ action: "NOT VALID", requester }));
    expect(invalid).toMatchObject({ status: 422, code: "validation_failed" });
    expect((invalid as CountersignError).errors.map((e) => e.path)).toContain("action");

    const created = await agent.createRequest({
      action: "sdk.self",
      requester: { ...requester, onBehalfOf: "alice@example.com" },
    });
    expect(await rejection(alice.decide(created.id, "approve"))).toMatchObject({ status: 403, code: "self_approval" });
    expect(await rejection(agent.getRequest("req_missing"))).toMatchObject({ status: 404, code: "not_found" });
    const stranger = createClient({ baseUrl: t.url, apiKey: "csk_not_a_key" });
    expect(await rejection(stranger.listRequests())).toMatchObject({ status: 401, code: "unauthorized" });
    const down = createClient({ baseUrl: "http://127.0.0.1:9", apiKey: "x" });
    expect(await rejection(down.listRequests())).toBeInstanceOf(CountersignUnreachableError);
  });
});

function toOutcomeStatus(view: { status: string; token?: string }) {
  return { status: view.status, token: view.token };
}
