import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook, WebhookSecret } from "./sign-webhook";

const nowSeconds = () => Math.floor(Date.now() / 1000);

function headersFor(id: string, timestamp: number, signature: string) {
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signature };
}

describe("signWebhook", () => {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({ type: "request.approved", data: { request_id: "req_1", note: "héllo ✓" } });

  it("produces a signature the Standard Webhooks reference library verifies", () => {
    const timestamp = nowSeconds();
    const signature = signWebhook({ id: "evt_1", timestamp, body, secret });
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, headersFor("evt_1", timestamp, signature))).toEqual(JSON.parse(body));
  });

  it("does not verify once the body, id or timestamp is changed, or under another secret", () => {
    const timestamp = nowSeconds();
    const signature = signWebhook({ id: "evt_1", timestamp, body, secret });
    const webhook = new Webhook(secret);
    const tampered = body.replace("req_1", "req_2");
    expect(() => webhook.verify(tampered, headersFor("evt_1", timestamp, signature))).toThrow(WebhookVerificationError);
    expect(() => webhook.verify(body, headersFor("evt_2", timestamp, signature))).toThrow(WebhookVerificationError);
    expect(() => webhook.verify(body, headersFor("evt_1", timestamp - 1, signature))).toThrow(WebhookVerificationError);
    const other = new Webhook(generateWebhookSecret());
    expect(() => other.verify(body, headersFor("evt_1", timestamp, signature))).toThrow(WebhookVerificationError);
  });

  it("matches the reference implementation's own signer byte for byte, for a user-supplied secret", () => {
    const userSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const timestamp = 1614265330;
    const payload = '{"test": 2432232314}';
    const ours = signWebhook({ id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp, body: payload, secret: userSecret });
    const theirs = new Webhook(userSecret).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", new Date(timestamp * 1000), payload);
    expect(ours).toBe(theirs);
  });

  it("refuses a malformed secret or timestamp instead of signing with a wrong key", () => {
    expect(() => signWebhook({ id: "evt_1", timestamp: 1, body, secret: "not-a-secret" })).toThrow(/whsec_/);
    expect(() => signWebhook({ id: "evt_1", timestamp: 1.5, body, secret })).toThrow(/integer/);
    expect(() => signWebhook({ id: "evt_1", timestamp: -1, body, secret })).toThrow(/integer/);
  });
});

describe("generateWebhookSecret", () => {
  it("is whsec_ plus base64 of 32 random bytes, and differs every time", () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(WebhookSecret.safeParse(a).success).toBe(true);
  });
});

describe("WebhookSecret", () => {
  const b64 = (bytes: number) => Buffer.alloc(bytes, 7).toString("base64");

  it.each([
    ["16 bytes", `whsec_${b64(16)}`],
    ["24 bytes (Svix style)", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    ["64 bytes", `whsec_${b64(64)}`],
  ])("accepts %s", (_label, value) => {
    expect(WebhookSecret.safeParse(value).success).toBe(true);
  });

  it.each([
    ["no prefix", b64(32)],
    ["wrong prefix", `whsk_${b64(32)}`],
    ["empty key", "whsec_"],
    ["15 bytes", `whsec_${b64(15)}`],
    ["65 bytes", `whsec_${b64(65)}`],
    ["base64url alphabet", `whsec_${Buffer.alloc(32, 0xfb).toString("base64url")}`],
    ["missing padding", `whsec_${b64(32).replace(/=+$/, "")}`],
    ["characters outside base64", `whsec_${b64(32).slice(0, -4)}!!!=`],
    ["whitespace", `whsec_ ${b64(32)}`],
    ["not a string", 42],
  ])("rejects %s with a clear message", (_label, value) => {
    const result = WebhookSecret.safeParse(value);
    expect(result.success).toBe(false);
    if (typeof value === "string") {
      expect(result.error?.issues[0]?.message).toMatch(/whsec_.*base64 of 16 to 64 random bytes/);
    }
  });
});
