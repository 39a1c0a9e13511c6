import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { CallbackVerificationError, verifyCallback } from "./verify-callback";

const secret = `whsec_${randomBytes(32).toString("base64")}`;
const event = {
  type: "request.approved",
  timestamp: new Date().toISOString(),
  data: {
    request_id: "req_1",
    action: "db.export",
    status: "approved",
    params_digest: `sha256:${"0".repeat(64)}`,
    decisions: [],
    token: `cst_${"a".repeat(43)}`,
    token_expires_at: new Date().toISOString(),
  },
};

function signed(payload: unknown, at = new Date(), key = secret) {
  const body = JSON.stringify(payload);
  const headers = {
    "webhook-id": "obx_1",
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(key).sign("obx_1", at, body),
  };
  return { body, headers };
}

describe("verifyCallback", () => {
  it("returns the event for a valid signature, from a record or a Headers", () => {
    const { body, headers } = signed(event);
    const verified = verifyCallback(body, headers, secret);
    expect(verified.type).toBe("request.approved");
    if (verified.type === "request.approved") expect(verified.data.token).toBe(event.data.token);
    expect(verifyCallback(body, new Headers(headers), secret)).toEqual(event);
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), [v]]));
    expect(verifyCallback(body, upper, secret).data.request_id).toBe("req_1");
  });

  it("refuses a changed body, another secret, a stale timestamp and missing headers", () => {
    const { body, headers } = signed(event);
    expect(() => verifyCallback(body.replace("req_1", "req_2"), headers, secret)).toThrow(CallbackVerificationError);
    const other = `whsec_${randomBytes(32).toString("base64")}`;
    expect(() => verifyCallback(body, headers, other)).toThrow(CallbackVerificationError);
    const stale = signed(event, new Date(Date.now() - 10 * 60_000));
    expect(() => verifyCallback(stale.body, stale.headers, secret)).toThrow(/timestamp/i);
    expect(() => verifyCallback(body, { ...headers, "webhook-signature": undefined }, secret)).toThrow(
      "missing webhook-signature header",
    );
  });

  it("refuses a validly signed body that is not a countersign event", () => {
    const { body, headers } = signed({ type: "request.approved", data: { request_id: "req_1", status: "denied" } });
    expect(() => verifyCallback(body, headers, secret)).toThrow(/not a countersign callback/);
  });
});
