import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCallbackReceiver, webhookHeaders } from "./support/callback-receiver";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

let t: TestServer;
let requester: { key: string; signing_secret: string };
let alice: { key: string };
let carol: { key: string };
let executor: { key: string };

beforeAll(async () => {
  t = await startTestServer();
  requester = await t.createKey(["requests:write"]);
  alice = await t.createKey(["decisions:write"], "alice@example.com");
  carol = await t.createKey(["decisions:write"], "carol@example.com");
  executor = await t.createKey(["tokens:redeem"]);
});
afterAll(() => t?.close());

describe("the approval loop over HTTP", () => {
  it("submit, two approvals, signed callback with the token, one redeem, then 409", async () => {
    const receiver = await startCallbackReceiver();
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    try {
      const created = await t.api(requester.key)("POST", "/v1/requests", {
        ...baseRequest(),
        callback: { url: receiver.url, secret },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: "pending",
        decision_mode: "approval_required",
        policy: { rule: "prod-export" },
        required_approvals: 2,
        params_digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      });
      expect(created.body.approvers).toEqual(["alice@example.com", "bob@example.com", "carol@example.com"]);
      expect(created.body.token).toBeUndefined();
      const id = created.body.id as string;

      const first = await t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: "pending", approvals: 1 });
      const again = await t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe("already_decided");

      const second = await t.api(carol.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
      expect(second.body).toMatchObject({ status: "approved", approvals: 2 });

      const [callback] = await receiver.waitFor(1);
      const verified = new Webhook(secret).verify(callback!.body, webhookHeaders(callback!)) as {
        type: string;
        data: Record<string, unknown>;
      };
      expect(verified.type).toBe("request.approved");
      expect(verified.data).toMatchObject({
        request_id: id,
        status: "approved",
        params_digest: created.body.params_digest,
      });
      expect(verified.data.decisions).toHaveLength(2);
      const token = verified.data.token as string;
      expect(token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);

      const redeem = t.api(executor.key);
      const mismatch = await redeem("POST", "/v1/tokens/redeem", { token, params_digest: `sha256:${"0".repeat(64)}` });
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.code).toBe("params_mismatch");
      const ok = await redeem("POST", "/v1/tokens/redeem", { token, params_digest: created.body.params_digest });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ request_id: id, action: "db.export", environment: "production" });
      expect(ok.body.approved_by.sort()).toEqual(["alice@example.com", "carol@example.com"]);
      const twice = await redeem("POST", "/v1/tokens/redeem", { token });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe("token_used");
      expect(twice.headers.get("content-type")).toContain("application/problem+json");
    } finally {
      await receiver.close();
    }
  });

  it("without a callback, the requester's first read after approval carries the token; later reads do not", async () => {
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ environment: "staging" }));
    expect(created.body.policy.rule).toBe("fallback");
    const id = created.body.id as string;
    const waiting = t.api(requester.key)("GET", `/v1/requests/${id}?wait=10`);
    await new Promise((r) => setTimeout(r, 300));
    await t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    const first = await waiting;
    expect(first.body.status).toBe("approved");
    expect(first.body.token).toMatch(/^cst_/);
    const second = await t.api(requester.key)("GET", `/v1/requests/${id}`);
    expect(second.body.token).toBeUndefined();
    const redeemed = await t.api(executor.key)("POST", "/v1/tokens/redeem", { token: first.body.token });
    expect(redeemed.status).toBe(200);
  });

  it("signs a callback without its own secret with the API key's signing secret", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const created = await t.api(requester.key)(
        "POST",
        "/v1/requests",
        baseRequest({ environment: "staging", callback: { url: receiver.url } }),
      );
      await t.api(alice.key)("POST", `/v1/requests/${created.body.id}/decisions`, { verdict: "approve" });
      const [callback] = await receiver.waitFor(1);
      const headers = webhookHeaders(callback!);
      expect(new Webhook(requester.signing_secret).verify(callback!.body, headers)).toMatchObject({
        type: "request.approved",
      });
      expect(() => new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").verify(callback!.body, headers)).toThrow();
    } finally {
      await receiver.close();
    }
  });

  it("masks the request before anyone sees it and reports the findings", async () => {
    const created = await t.api(requester.key)(
      "POST",
      "/v1/requests",
      baseRequest({ params: { table: "users", password: "hunter2-very-secret" } }),
    );
    expect(created.body.masking.fields_masked).toBeGreaterThan(0);
    expect(created.body.masking.findings).toContainEqual(expect.objectContaining({ path: "$.params.password" }));
    const reader = await t.createKey(["requests:read"]);
    const view = await t.api(reader.key)("GET", `/v1/requests/${created.body.id}`);
    expect(JSON.stringify(view.body)).not.toContain("hunter2-very-secret");
    expect(view.body.token).toBeUndefined();
  });

  it("shows a value the policy's masking.allow declares public, and masks its look-alikes", async () => {
    const demo = "ghp_PublicDemoKeyQ7mZ2xW9vK4tR8nB3cY6hJ1s";
    const other = demo.replace("Demo", "Real");
    const created = await t.api(requester.key)(
      "POST",
      "/v1/requests",
      baseRequest({ params: { table: "users", demo_key: demo, note: `rotate ${other}` } }),
    );
    expect(created.status).toBe(201);
    const paths = created.body.masking.findings.map((f: { path: string }) => f.path);
    expect(paths).toContain("$.params.note");
    expect(paths).not.toContain("$.params.demo_key");
    const reader = await t.createKey(["requests:read"]);
    const view = await t.api(reader.key)("GET", `/v1/requests/${created.body.id}`);
    expect(view.body.params.demo_key).toBe(demo);
    expect(JSON.stringify(view.body)).not.toContain(other);
  });
});
