import type { JsonObject, RequesterType } from "./types";

/** Who asks. Nobody may approve a request made by them or on their behalf. */
export interface Requester {
  type: RequesterType;
  id: string;
  displayName?: string;
  /** The person an agent or pipeline acts for (an email); they cannot approve it either. */
  onBehalfOf?: string;
}

export interface NewRequest {
  /** `[a-z0-9_.:-]{1,128}`, e.g. `db.export`. */
  action: string;
  resource?: string;
  environment?: string;
  requester: Requester;
  reason?: string;
  /** The exact parameters the action will run with; the token is bound to their digest. */
  params?: JsonObject;
  /** Shown to approvers (masked), never bound to the token. */
  context?: JsonObject;
  /** Where the outcome is POSTed, signed (Standard Webhooks); an approved callback carries the token. */
  callback?: { url: string; secret?: string };
  /** Capped by the matched rule's `ttl`. */
  ttlSeconds?: number;
  /** Retrying with the same key and body answers with the first request instead of making another. */
  idempotencyKey?: string;
}

export interface WaitOptions {
  /** Give up waiting after this long (the outcome is then `timeout`); default: until the request is final. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface RequestApprovalInput extends NewRequest {
  /** Wait for the decision (default `true`). `false` answers at once, `pending` unless policy decided. */
  wait?: boolean | WaitOptions;
}

/** The JSON body of POST /v1/requests. */
export function requestBody(input: NewRequest) {
  return {
    action: input.action,
    resource: input.resource,
    environment: input.environment,
    requester: {
      type: input.requester.type,
      id: input.requester.id,
      display_name: input.requester.displayName,
      on_behalf_of: input.requester.onBehalfOf,
    },
    reason: input.reason,
    params: input.params,
    context: input.context,
    callback: input.callback,
    ttl_seconds: input.ttlSeconds,
  };
}
