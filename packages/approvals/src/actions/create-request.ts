import { and, eq, sql } from "drizzle-orm";
import { type AuditInput, appendAudit, auditRow } from "../audit/append-audit";
import { checkCallbackUrl } from "../callbacks";
import type { Ctx } from "../context";
import { newId } from "../crypto/ids";
import { canonicalJson, paramsDigest } from "../crypto/params-digest";
import { seal, unseal } from "../crypto/seal";
import { sha256Hex } from "../crypto/tokens";
import { AppError } from "../errors";
import { type DecisionMode, decideByPolicy, effectiveTtlSeconds } from "../policy";
import { type OutboxInput, outboxRow, writeOutbox } from "../queue/write-outbox";
import { idempotencyKeys, requests } from "../store/schema";
import { apiKeyIsLive, unknownOrRevokedKey } from "./api-keys";
import type { CreateRequestInput } from "./create-request-input";
import { channelNotices, finalizeRequest } from "./finalize-request";
import { insertPendingRequest } from "./insert-pending-request";
import { TOKEN_TTL_SECONDS } from "./issue-token";
import {
  type CreationBody,
  type CreationFields,
  creationBody,
  duplicateKey,
  findPendingDuplicate,
  mergeIntoPending,
  pendingDuplicateOrCap,
  tooManyPending,
} from "./merge-duplicate";
import { planWaiting, waitingWork } from "./plan-waiting";
import type { MaskingSummary } from "./present-request";

export interface CreateRequestOptions {
  idempotencyKey?: string;
  /** Where a human asked from; defaults to the chat actor's own platform identity. */
  origin?: RequestOrigin;
}

export type RequestOrigin = { platform: "slack" | "teams" } & Record<string, unknown>;

function originOf(ctx: Ctx): RequestOrigin | null {
  const { actor } = ctx;
  if (actor.type === "slack") return { platform: "slack", user_id: actor.userId, team_id: actor.teamId };
  if (actor.type === "teams") return { platform: "teams", aad_object_id: actor.aadObjectId };
  return null;
}

export type { DecisionMode };

export interface CreateRequestResult {
  replayed: boolean;
  /** True when an identical request was already pending and this one was merged into it. */
  merged?: boolean;
  body: CreationBody & { token?: string; token_expires_at?: string; merged?: boolean };
}

class LostIdempotencyRace extends Error {}
class LostDuplicateRace extends Error {}

export async function createRequest(
  ctx: Ctx,
  input: CreateRequestInput,
  options: CreateRequestOptions = {},
): Promise<CreateRequestResult> {
  const apiKeyId = ctx.actor.type === "api-key" ? ctx.actor.keyId : null;
  // The body's hash tells a replay from a reuse of the key; only needed when a key was given.
  const idempotency =
    options.idempotencyKey && apiKeyId
      ? { key: options.idempotencyKey, apiKeyId, bodyHash: sha256Hex(canonicalJson(input)) }
      : null;
  if (idempotency) {
    // The HTTP layer may have taken the key from its cache: a replay must not outlive a revocation.
    await assertKeyLive(ctx, apiKeyId);
    const replay = await findReplay(ctx, idempotency);
    if (replay) return replay;
  }

  if (input.callback) {
    const check = checkCallbackUrl(input.callback.url, { allowPrivate: ctx.env.allowPrivateCallbacks });
    if (!check.ok) {
      throw new AppError("validation_failed", "callback.url is not allowed", {
        errors: [{ path: "callback.url", message: check.reason }],
      });
    }
  }

  const { policy, version } = ctx.env.policy();
  const { rule, decisionMode, approvers, explanation } = decideByPolicy(policy, {
    action: input.action,
    resource: input.resource,
    environment: input.environment,
    requester: input.requester,
  });
  const ttlSeconds = effectiveTtlSeconds(rule, input.ttl_seconds);

  // Only masked data goes further than this function: stored, queued, logged, sent.
  const { masked, findings } = ctx.env.masker.mask({
    resource: input.resource ?? null,
    reason: input.reason ?? null,
    params: input.params,
    context: input.context ?? null,
  });
  const masking: MaskingSummary = {
    fields_masked: findings.length,
    findings: findings.map((f) => ({ path: f.path, type: f.type })),
  };
  const digest = paramsDigest(input.params);
  const id = newId("req");
  const expiresAt = new Date(ctx.now.getTime() + ttlSeconds * 1000);
  const status =
    decisionMode === "auto_approved" ? "approved" : decisionMode === "denied_by_policy" ? "denied" : "pending";
  const dedupeKey = status === "pending" ? duplicateKey(input, digest, apiKeyId) : null;
  const waiting = planWaiting(policy, rule, {
    requester: { id: input.requester.id, on_behalf_of: input.requester.on_behalf_of },
    approvers,
    createdAt: ctx.now,
    expiresAt,
    pending: status === "pending",
  });
  const values = {
    id,
    action: input.action,
    resource: typeof masked.resource === "string" ? masked.resource : null,
    environment: input.environment ?? null,
    requesterType: input.requester.type,
    requesterId: input.requester.id,
    requesterDisplayName: input.requester.display_name ?? null,
    onBehalfOf: input.requester.on_behalf_of ?? null,
    reason: typeof masked.reason === "string" ? masked.reason : null,
    paramsMasked: masked.params ?? {},
    contextMasked: masked.context ?? null,
    paramsDigest: digest,
    masking,
    status,
    decisionMode,
    policyRule: rule?.name ?? null,
    policyVersion: version,
    policyExplanation: explanation,
    requiredApprovals: rule?.require?.approvals ?? 0,
    approvers,
    notify: decisionMode === "approval_required" ? (rule?.notify ?? []) : [],
    denyReasonRequired: rule?.deny_reason === "required",
    tokenTtlSeconds: rule?.token_ttl_seconds ?? TOKEN_TTL_SECONDS,
    dedupeKey,
    apiKeyId,
    origin: options.origin ?? originOf(ctx),
    callbackUrl: input.callback?.url ?? null,
    callbackSecretSealed: input.callback?.secret ? seal(ctx.env.keys.seal, input.callback.secret) : null,
    expiresAt,
    decidedAt: status === "pending" ? null : ctx.now,
    createdAt: ctx.now,
    ...waiting,
  } satisfies typeof requests.$inferInsert;
  const created: AuditInput = {
    type: "request.created",
    requestId: id,
    actor: ctx.actor,
    at: ctx.now,
    data: {
      action: input.action,
      environment: input.environment ?? null,
      requester: { type: input.requester.type, id: input.requester.id },
      decision_mode: decisionMode,
      rule: rule?.name ?? null,
      policy_version: version,
      params_digest: digest,
      fields_masked: findings.length,
    },
  };
  if (dedupeKey && !idempotency) return writePending(ctx, { ...values, dedupeKey }, created, input.requester);
  if (!idempotency) await assertKeyLive(ctx, apiKeyId); // with a key, it was checked before the replay lookup
  if (dedupeKey) {
    const existing = await pendingDuplicateOrCap(ctx, dedupeKey, input.requester);
    if (existing) return { replayed: false, merged: true, body: await mergeIntoPending(ctx, existing, idempotency) };
  }

  const outcome = await ctx.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(requests)
        .values(values)
        .onConflictDoNothing({ target: requests.dedupeKey, where: sql`status = 'pending'` })
        .returning();
      // An identical request became pending between our check and this insert: merge into it.
      if (!row) throw new LostDuplicateRace();
      await appendAudit(tx, created);
      let issued = null;
      if (status === "pending") {
        for (const work of pendingWork(values, ctx.now)) await writeOutbox(tx, work);
      } else {
        await appendAudit(tx, {
          type: `request.${status}`,
          requestId: id,
          actor: ctx.actor,
          at: ctx.now,
          data: { by: "policy" },
        });
        issued = await finalizeRequest(ctx, tx, row, status as "approved" | "denied", { issueTokenNow: true });
      }
      const body: CreateRequestResult["body"] = creationBody(row);
      if (idempotency) {
        const inserted = await tx
          .insert(idempotencyKeys)
          .values({
            apiKeyId: idempotency.apiKeyId,
            key: idempotency.key,
            bodyHash: idempotency.bodyHash,
            requestId: id,
            responseStatus: 201,
            responseBody: issued ? { ...body, token_expires_at: issued.expiresAt.toISOString() } : body,
            tokenSealed: issued ? seal(ctx.env.keys.seal, issued.token) : null,
          })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        // A concurrent request with the same key committed first: roll ours back and answer with theirs.
        if (inserted.length === 0) throw new LostIdempotencyRace();
      }
      if (issued) {
        body.token = issued.token;
        body.token_expires_at = issued.expiresAt.toISOString();
      }
      return body;
    })
    .catch(async (error: unknown) => {
      if (error instanceof LostDuplicateRace && dedupeKey) {
        const existing = await findPendingDuplicate(ctx, dedupeKey, input.requester);
        if (existing)
          return { replayed: false, merged: true, body: await mergeIntoPending(ctx, existing, idempotency) };
        throw new AppError("conflict", "an identical request was being created at the same time; try again");
      }
      if (!(error instanceof LostIdempotencyRace) || !idempotency) throw error;
      return (await findReplay(ctx, idempotency)) ?? null;
    });
  if (outcome === null) throw new AppError("conflict", "a request with this Idempotency-Key is still being processed");
  if ("replayed" in outcome) return outcome;
  return finishCreation(ctx, values, outcome);
}

type RequestValues = typeof requests.$inferInsert & CreationFields & { action: string };

/** `due`: when the earliest work written with the request is due; null when it wrote none. */
function finishCreation(
  ctx: Ctx,
  values: RequestValues,
  body: CreateRequestResult["body"],
  due?: Date | null,
): CreateRequestResult {
  if (due !== null) ctx.env.onOutboxWrite?.(due);
  ctx.env.metrics?.requestCreated(values.decisionMode);
  if (values.status !== "pending") ctx.env.metrics?.requestFinished(values.status as "approved" | "denied", 0);
  ctx.log.info(
    { request_id: values.id, action: values.action, decision_mode: values.decisionMode, rule: values.policyRule },
    "request created",
  );
  return { replayed: false, body };
}

/**
 * The common case, a request that waits for approvers and came without an Idempotency-Key, in one
 * statement (insertPendingRequest): the request, its audit event and its scheduled work.
 */
async function writePending(
  ctx: Ctx,
  values: RequestValues & { dedupeKey: string },
  created: AuditInput,
  requester: { type: string; id: string },
): Promise<CreateRequestResult> {
  const work = pendingWork(values, ctx.now);
  const maxPending = ctx.env.maxPendingPerRequester ?? 100;
  const outcome = await insertPendingRequest(ctx.db, {
    request: values,
    audit: [auditRow(created)],
    outbox: work.map(outboxRow),
    apiKeyId: ctx.actor.type === "api-key" ? ctx.actor.keyId : null,
    maxPendingPerRequester: maxPending,
  });
  switch (outcome.kind) {
    case "created":
      return finishCreation(ctx, values, creationBody(values), firstDue(work));
    case "key_revoked":
      throw unknownOrRevokedKey();
    case "not_created": {
      // An identical pending request is merged into even when the requester is at the cap.
      const existing = await findPendingDuplicate(ctx, values.dedupeKey, requester);
      if (existing) return { replayed: false, merged: true, body: await mergeIntoPending(ctx, existing, null) };
      if (outcome.pending >= maxPending) throw tooManyPending(requester, maxPending);
      throw new AppError("conflict", "an identical request was being created at the same time; try again");
    }
  }
}

/**
 * What a new pending request schedules: its reminder and escalation, its cards. Its expiry is not
 * scheduled: the workers' sweep finds overdue requests in `requests_status_expires_idx`, which costs
 * nothing per request (a row and four index entries in the outbox, for work rarely needed).
 */
function pendingWork(values: RequestValues, now: Date): OutboxInput[] {
  return [
    ...waitingWork(
      {
        id: values.id,
        expiresAt: values.expiresAt,
        remindEverySeconds: values.remindEverySeconds ?? null,
        escalateAt: values.escalateAt ?? null,
      },
      now,
    ),
    ...channelNotices(values, "request.created", now),
  ];
}

function firstDue(work: OutboxInput[]): Date | null {
  return work.length === 0 ? null : new Date(Math.min(...work.map((w) => w.availableAt.getTime())));
}

async function assertKeyLive(ctx: Ctx, apiKeyId: string | null): Promise<void> {
  if (apiKeyId && !(await apiKeyIsLive(ctx.db, apiKeyId))) throw unknownOrRevokedKey();
}

async function findReplay(
  ctx: Ctx,
  idempotency: { key: string; apiKeyId: string; bodyHash: string },
): Promise<CreateRequestResult | null> {
  const cutoff = new Date(ctx.now.getTime() - 24 * 3600 * 1000);
  const [existing] = await ctx.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, idempotency.apiKeyId), eq(idempotencyKeys.key, idempotency.key)))
    .limit(1);
  if (!existing) return null;
  if (existing.createdAt < cutoff) {
    // Keys are kept for 24 h; an older one is forgotten so the key can be used again.
    await ctx.db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.apiKeyId, idempotency.apiKeyId), eq(idempotencyKeys.key, idempotency.key)));
    return null;
  }
  if (existing.bodyHash !== idempotency.bodyHash) {
    throw new AppError("idempotency_mismatch", "this Idempotency-Key was used with a different body");
  }
  const body = { ...(existing.responseBody as CreateRequestResult["body"]) };
  if (existing.tokenSealed) body.token = unseal(ctx.env.keys.seal, existing.tokenSealed);
  return { replayed: true, body };
}
