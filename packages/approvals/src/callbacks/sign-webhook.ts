import { createHmac, randomBytes } from "node:crypto";
import { z } from "zod";

const SECRET_PREFIX = "whsec_";
const MIN_KEY_BYTES = 16;
const MAX_KEY_BYTES = 64;
// Padded standard base64 only: the reference verifiers (@stablelib/base64 in the JS one) reject
// anything else, and Buffer.from would quietly accept it and sign with a different key.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SECRET_MESSAGE = `must be "${SECRET_PREFIX}" followed by standard padded base64 of ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} random bytes`;

function decodeKey(secret: string): Buffer | undefined {
  if (!secret.startsWith(SECRET_PREFIX)) return undefined;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!STRICT_BASE64.test(encoded)) return undefined;
  const key = Buffer.from(encoded, "base64");
  return key.length >= MIN_KEY_BYTES && key.length <= MAX_KEY_BYTES ? key : undefined;
}

/** A user-supplied callback secret (Standard Webhooks `whsec_` form). */
export const WebhookSecret = z.string().refine((value) => decodeKey(value) !== undefined, { message: SECRET_MESSAGE });
export type WebhookSecret = z.infer<typeof WebhookSecret>;

export function generateWebhookSecret(): WebhookSecret {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

export type SignWebhookInput = {
  id: string;
  /** Integer seconds since the Unix epoch; the same value goes in `webhook-timestamp`. */
  timestamp: number;
  body: string;
  secret: string;
};

/** The `webhook-signature` header value (Standard Webhooks v1). Throws on a malformed secret or timestamp. */
export function signWebhook({ id, timestamp, body, secret }: SignWebhookInput): string {
  const key = decodeKey(secret);
  if (!key) throw new TypeError(`webhook secret ${SECRET_MESSAGE}`);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError("webhook timestamp must be a non-negative integer number of seconds");
  }
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}
