import { CountersignError, CountersignUnreachableError } from "./errors";
import { createHttpCall, type FetchLike } from "./http-call";
import { type NewRequest, type RequestApprovalInput, requestBody, type WaitOptions } from "./inputs";
import { type ApprovalOutcome, toOutcome } from "./outcome";
import type { AuditPage, CreatedRequest, Redemption, RequestPage, RequestStatus, RequestView, Verdict } from "./types";

export interface ClientOptions {
  /** e.g. `https://countersign.example.com` (no `/v1`). */
  baseUrl: string;
  apiKey: string;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
}

export interface CountersignClient {
  /** Asks for approval and (by default) waits until the request is final. Never throws for a denial. */
  requestApproval(input: RequestApprovalInput): Promise<ApprovalOutcome>;
  /** POST /v1/requests, and nothing more. */
  createRequest(input: NewRequest): Promise<CreatedRequest>;
  /** Long-polls until the request is no longer pending or `timeoutMs` runs out; returns the last view. */
  waitForDecision(id: string, options?: WaitOptions): Promise<RequestView>;
  getRequest(id: string, options?: { waitSeconds?: number; signal?: AbortSignal }): Promise<RequestView>;
  listRequests(options?: { status?: RequestStatus; limit?: number; cursor?: string }): Promise<RequestPage>;
  cancel(id: string, reason?: string): Promise<RequestView>;
  /** As the approver the API key is bound to (`decisions:write`). */
  decide(id: string, verdict: Verdict, reason?: string): Promise<RequestView>;
  /** Spends the token, once. With `paramsDigest`, refuses (`params_mismatch`, unspent) unless it is the approved one. */
  redeem(token: string, options?: { paramsDigest?: string }): Promise<Redemption>;
  audit(options?: { after?: number; limit?: number }): Promise<AuditPage>;
}

const MAX_WAIT_SECONDS = 60;
const TRANSIENT_RETRIES = 5;

export function createClient(options: ClientOptions): CountersignClient {
  if (!options.apiKey) throw new TypeError("apiKey is required (create one with `countersign keys create`)");
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const call = createHttpCall(baseUrl, options.apiKey, options.fetch ?? ((url, init) => fetch(url, init)));
  const path = (id: string) => `/v1/requests/${encodeURIComponent(id)}`;

  const client: CountersignClient = {
    async requestApproval(input) {
      const { wait = true } = input;
      const created = await client.createRequest(input);
      if (created.status === "pending" && wait !== false) {
        const view = await client.waitForDecision(created.id, wait === true ? {} : wait);
        return toOutcome(view, true);
      }
      // Policy decided at once (or we were told not to wait): read the full view once.
      return toOutcome(await client.getRequest(created.id), false, created);
    },

    createRequest(input) {
      const headers: Record<string, string> = input.idempotencyKey ? { "idempotency-key": input.idempotencyKey } : {};
      return call<CreatedRequest>("POST", "/v1/requests", { body: requestBody(input), headers });
    },

    async waitForDecision(id, { timeoutMs, signal } = {}) {
      const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
      let failures = 0;
      for (;;) {
        const remaining = Math.ceil((deadline - Date.now()) / 1000);
        const waitSeconds = Math.max(1, Math.min(MAX_WAIT_SECONDS, remaining));
        try {
          const view = await client.getRequest(id, { waitSeconds, signal });
          failures = 0;
          if (view.status !== "pending" || Date.now() >= deadline) return view;
        } catch (error) {
          // A long wait outlives restarts and rate limits; anything else is the caller's to see.
          const delay = transientDelay(error, ++failures);
          if (delay === null || failures > TRANSIENT_RETRIES || Date.now() + delay >= deadline) throw error;
          await sleep(delay, signal);
        }
      }
    },

    getRequest(id, { waitSeconds, signal } = {}) {
      const query = waitSeconds ? `?wait=${Math.min(MAX_WAIT_SECONDS, Math.ceil(waitSeconds))}` : "";
      return call<RequestView>("GET", `${path(id)}${query}`, { signal });
    },

    listRequests(query = {}) {
      return call<RequestPage>("GET", `/v1/requests${queryString(query)}`);
    },

    cancel(id, reason) {
      return call<RequestView>("POST", `${path(id)}/cancel`, { body: { reason } });
    },

    decide(id, verdict, reason) {
      return call<RequestView>("POST", `${path(id)}/decisions`, { body: { verdict, reason } });
    },

    redeem(token, { paramsDigest } = {}) {
      return call<Redemption>("POST", "/v1/tokens/redeem", { body: { token, params_digest: paramsDigest } });
    },

    audit(query = {}) {
      return call<AuditPage>("GET", `/v1/audit${queryString(query)}`);
    },
  };
  return client;
}

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function transientDelay(error: unknown, attempt: number): number | null {
  const backoff = Math.min(1000 * 2 ** (attempt - 1), 10_000);
  if (error instanceof CountersignUnreachableError) return backoff;
  if (!(error instanceof CountersignError)) return null;
  if (error.code === "rate_limited") {
    const retryAfter = Number(error.problem.retry_after);
    return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff;
  }
  return error.status >= 502 && error.status <= 504 ? backoff : null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
