import { expireOverdue } from "@countersign/approvals";
import { requests } from "@countersign/approvals/store/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditOf } from "../support/audit-events";
import { startCallbackReceiver } from "../support/callback-receiver";
import { baseRequest, type TestServer } from "../support/start-test-server";
import { startRecordingServer } from "./recording-server";

let t: TestServer;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
beforeAll(async () => {
  ({ t } = await startRecordingServer());
  receiver = await startCallbackReceiver();
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

async function create(action: string) {
  const requester = await t.createKey(["requests:write", "requests:read"]);
  const created = await t.api(requester.key)(
    "POST",
    "/v1/requests",
    baseRequest({ action, callback: { url: receiver.url, secret: "whsec_dGVzdC1zZWNyZXQtZm9yLXRpbWVvdXRz" } }),
  );
  expect(created.status).toBe(201);
  return { id: created.body.id as string, read: t.api(requester.key) };
}

async function callbackFor(id: string) {
  for (;;) {
    const found = receiver.received.find((c) => c.json.data.request_id === id);
    if (found) return found.json;
    await receiver.waitFor(receiver.received.length + 1);
  }
}

describe("on_timeout", () => {
  it("deny: a request nobody decided in time is denied, and the audit and the callback say it timed out", async () => {
    const { id, read } = await create("timeout.deny");
    expect((await read("GET", `/v1/requests/${id}`)).body.on_timeout).toBe("deny");
    const callback = await callbackFor(id);
    expect(callback.type).toBe("request.denied");
    expect(callback.data).toMatchObject({ status: "denied", reason: "timeout", decisions: [] });

    const view = await read("GET", `/v1/requests/${id}`);
    expect(view.body).toMatchObject({ status: "denied", timed_out: true });
    const audit = await auditOf(t, id);
    expect(audit.find((e) => e.type === "request.denied")?.data).toEqual({ reason: "timeout" });
    expect(audit.map((e) => e.type)).not.toContain("request.expired");
  });

  it("expire (the default): the request expires, and the callback says it timed out", async () => {
    const { id, read } = await create("timeout.expire");
    const callback = await callbackFor(id);
    expect(callback.type).toBe("request.expired");
    expect(callback.data).toMatchObject({ status: "expired", reason: "timeout" });
    expect((await read("GET", `/v1/requests/${id}`)).body).toMatchObject({ status: "expired", timed_out: true });
    const audit = await auditOf(t, id);
    expect(audit.find((e) => e.type === "request.expired")?.data).toEqual({ reason: "timeout" });
  });

  it("the expiry sweep honours on_timeout too", async () => {
    const { id, read } = await create("timeout.slow");
    // Overdue while its delayed expiry job is still an hour away: only the sweep can time it out.
    await t.engine.db
      .update(requests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(requests.id, id));
    await expireOverdue(t.engine.ctx({ type: "system", reason: "expiry sweep" }));
    expect((await read("GET", `/v1/requests/${id}`)).body).toMatchObject({ status: "denied", timed_out: true });
    const callback = await callbackFor(id);
    expect(callback.type).toBe("request.denied");
    expect(callback.data.reason).toBe("timeout");
  });

  it("a deny verdict is not a timeout: no reason in the callback", async () => {
    const { id, read } = await create("timeout.slow");
    const alice = t.api((await t.createKey(["decisions:write"], "alice@example.com")).key);
    expect((await alice("POST", `/v1/requests/${id}/decisions`, { verdict: "deny" })).body.status).toBe("denied");
    const callback = await callbackFor(id);
    expect(callback.type).toBe("request.denied");
    expect(callback.data.reason).toBeUndefined();
    expect((await read("GET", `/v1/requests/${id}`)).body.timed_out).toBe(false);
  });
});
