import { type ClientRequest, request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { checkCallbackUrl } from "./check-callback-url";
import { CallbackAddressBlockedError, createGuardedLookup, type ResolveHost } from "./guarded-lookup";
import { signWebhook } from "./sign-webhook";

export const CALLBACK_USER_AGENT = "countersign-webhooks/1";
export const DEFAULT_CALLBACK_TIMEOUT_MS = 15_000;
// Only the status decides the outcome; the body is read just far enough to let a well-behaved
// receiver finish, so a hostile one cannot make us buffer without bound.
const MAX_RESPONSE_BYTES = 1024;

export type DeliverCallbackInput = {
  url: string;
  /** The exact JSON text that is signed and sent. */
  body: string;
  /** `webhook-id`: stable across retries so receivers can deduplicate. */
  webhookId: string;
  /** `webhook-timestamp`, integer seconds; the time of this attempt. */
  timestamp: number;
  /** `whsec_…` */
  secret: string;
  allowPrivate: boolean;
  /** Covers DNS, connect, TLS and the response. */
  timeoutMs?: number;
  resolveHost?: ResolveHost;
};

export type DeliveryResult =
  | { outcome: "delivered"; status: number }
  | { outcome: "gone"; status: 410 }
  | { outcome: "retry"; status?: number; error: string }
  | { outcome: "refused"; error: string };

function outcomeForStatus(status: number): DeliveryResult {
  if (status >= 200 && status < 300) return { outcome: "delivered", status };
  if (status === 410) return { outcome: "gone", status: 410 };
  if (status >= 300 && status < 400)
    return { outcome: "retry", status, error: `redirect not followed (HTTP ${status})` };
  return { outcome: "retry", status, error: `receiver answered HTTP ${status}` };
}

function outcomeForError(error: unknown): DeliveryResult {
  if (error instanceof CallbackAddressBlockedError) return { outcome: "refused", error: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { outcome: "retry", error: `delivery failed: ${message}` };
}

/**
 * POSTs one signed callback attempt. Never throws and never follows a redirect; the caller
 * schedules retries from the outcome.
 */
export function deliverCallback(input: DeliverCallbackInput): Promise<DeliveryResult> {
  const { url, body, webhookId, timestamp, secret, allowPrivate, resolveHost } = input;
  const timeoutMs = input.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;

  const check = checkCallbackUrl(url, { allowPrivate });
  if (!check.ok) return Promise.resolve({ outcome: "refused", error: check.reason });

  let signature: string;
  try {
    signature = signWebhook({ id: webhookId, timestamp, body, secret });
  } catch (error) {
    return Promise.resolve({ outcome: "refused", error: error instanceof Error ? error.message : String(error) });
  }

  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const payload = Buffer.from(body, "utf8");

  return new Promise<DeliveryResult>((resolve) => {
    let settled = false;
    let status: number | undefined;
    let req: ClientRequest | undefined;

    const finish = (result: DeliveryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      resolve(result);
    };

    const timer = setTimeout(() => {
      // Headers that arrived in time are the answer, even if the body is still trickling in.
      finish(
        status === undefined
          ? { outcome: "retry", error: `no response within ${timeoutMs} ms` }
          : outcomeForStatus(status),
      );
    }, timeoutMs);

    const onResponse = (res: IncomingMessage) => {
      const answered = res.statusCode ?? 0;
      status = answered;
      const done = () => finish(outcomeForStatus(answered));
      let received = 0;
      res.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received >= MAX_RESPONSE_BYTES) done();
      });
      res.on("end", done);
      res.on("close", done);
      res.on("error", done);
    };

    try {
      req = send(
        target,
        {
          method: "POST",
          agent: false,
          lookup: createGuardedLookup({ allowPrivate, ...(resolveHost ? { resolveHost } : {}) }),
          headers: {
            "content-type": "application/json",
            "content-length": payload.length,
            "user-agent": CALLBACK_USER_AGENT,
            "webhook-id": webhookId,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": signature,
          },
        },
        onResponse,
      );
      req.on("error", (error) => finish(outcomeForError(error)));
      req.end(payload);
    } catch (error) {
      // Only malformed input throws here (e.g. a control character in webhookId); sending it
      // again would fail the same way.
      finish({ outcome: "refused", error: error instanceof Error ? error.message : String(error) });
    }
  });
}
