import { Webhook } from "standardwebhooks";
import type { Decision, FinalStatus } from "./types";

interface CallbackData<S extends FinalStatus> {
  request_id: string;
  action: string;
  status: S;
  params_digest: string;
  decisions: Decision[];
}

/** The body countersign POSTs to `callback.url` once a request is final (CONTRACT.md section 3). */
export type CallbackEvent =
  | {
      type: "request.approved";
      timestamp: string;
      data: CallbackData<"approved"> & { token: string; token_expires_at: string };
    }
  // reason "timeout": nobody decided before the ttl (the rule's on_timeout chose deny or expire).
  | { type: "request.denied"; timestamp: string; data: CallbackData<"denied"> & { reason?: "timeout" } }
  | { type: "request.expired"; timestamp: string; data: CallbackData<"expired"> & { reason?: "timeout" } }
  | { type: "request.cancelled"; timestamp: string; data: CallbackData<"cancelled"> };

/** Node's `IncomingHttpHeaders`, a fetch `Headers`, or a plain record. */
export type CallbackHeaders = Headers | Record<string, string | string[] | undefined>;

export class CallbackVerificationError extends Error {
  override readonly name = "CallbackVerificationError";
}

const EVENT_TYPES = new Set(["request.approved", "request.denied", "request.expired", "request.cancelled"]);
const SIGNATURE_HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/**
 * Checks a callback's Standard Webhooks signature (and that its timestamp is within 5 minutes)
 * against the raw body, and returns the event. Throws CallbackVerificationError otherwise.
 * `secret` is the request's `callback.secret`, else the API key's signing secret (`whsec_…`).
 * Deduplicate on the `webhook-id` header: retries carry the same one.
 */
export function verifyCallback(body: string, headers: CallbackHeaders, secret: string): CallbackEvent {
  const picked: Record<string, string> = {};
  for (const name of SIGNATURE_HEADERS) {
    const value = headerValue(headers, name);
    if (!value) throw new CallbackVerificationError(`missing ${name} header`);
    picked[name] = value;
  }
  let event: unknown;
  try {
    event = new Webhook(secret).verify(body, picked);
  } catch (error) {
    throw new CallbackVerificationError(`invalid callback: ${(error as Error).message}`, { cause: error });
  }
  if (!isCallbackEvent(event)) throw new CallbackVerificationError("signed, but not a countersign callback event");
  return event;
}

function headerValue(headers: CallbackHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

function isCallbackEvent(value: unknown): value is CallbackEvent {
  const event = value as { type?: unknown; data?: { request_id?: unknown; status?: unknown } } | null;
  return (
    typeof event?.type === "string" &&
    EVENT_TYPES.has(event.type) &&
    typeof event.data?.request_id === "string" &&
    event.type === `request.${String(event.data.status)}`
  );
}
