import { and, count, eq, sql } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit";
import type { Ctx } from "../context";
import { canonicalJson } from "../crypto/params-digest";
import { sha256Hex } from "../crypto/tokens";
import { AppError } from "../errors";
import type { DecisionMode } from "../policy";
import { idempotencyKeys, requests } from "../store/schema";
import type { CreateRequestInput } from "./create-request-input";
import type { RequestRow } from "./load-request";
import type { MaskingSummary } from "./present-request";

/** What identifies "the same request again": who asks, what, where, with exactly which params. */
export function duplicateKey(input: CreateRequestInput, paramsDigest: string, apiKeyId: string | null): string {
  return sha256Hex(
    canonicalJson({
      key: apiKeyId,
      requester: [input.requester.type, input.requester.id, input.requester.on_behalf_of ?? null],
      action: input.action,
      resource: input.resource ?? null,
      environment: input.environment ?? null,
      params: paramsDigest,
    }),
  );
}

export async function findPendingDuplicate(
  ctx: Ctx,
  dedupeKey: string,
  requester: { type: string; id: string },
): Promise<RequestRow | null> {
  const [row] = await ctx.db.select().from(requests).where(pendingDuplicateOf(dedupeKey, requester)).limit(1);
  return row ?? null;
}

/**
 * The dedupe key already names the requester; naming them again bounds the lookup whichever
 * partial index over pending rows the planner picks (the requester's, with few statistics, had
 * it filter every pending row), to at most the requester's cap.
 */
function pendingDuplicateOf(dedupeKey: string, requester: { type: string; id: string }) {
  return and(
    eq(requests.dedupeKey, dedupeKey),
    eq(requests.status, "pending"),
    eq(requests.requesterType, requester.type),
    eq(requests.requesterId, requester.id),
  );
}

/**
 * Before a new pending request: the identical one already waiting, to merge into, if any;
 * otherwise refuses a requester with too many requests waiting, so one agent cannot flood
 * approvers. Both questions go to the database in one round trip, as every ingest asks them.
 */
export async function pendingDuplicateOrCap(
  ctx: Ctx,
  dedupeKey: string,
  requester: { type: string; id: string },
): Promise<RequestRow | null> {
  const limit = ctx.env.maxPendingPerRequester ?? 100;
  const [row] = await ctx.db
    .select({
      duplicateId: sql<string | null>`(${ctx.db
        .select({ id: requests.id })
        .from(requests)
        .where(pendingDuplicateOf(dedupeKey, requester))
        .limit(1)})`,
      pending: sql<number>`(${ctx.db
        .select({ n: count() })
        .from(requests)
        .where(
          and(
            eq(requests.status, "pending"),
            eq(requests.requesterType, requester.type),
            eq(requests.requesterId, requester.id),
          ),
        )})`.mapWith(Number),
    })
    .from(sql`(select 1) as one`);
  if (row?.duplicateId) {
    const duplicate = await findPendingDuplicate(ctx, dedupeKey, requester);
    if (duplicate) return duplicate;
  }
  if ((row?.pending ?? 0) >= limit) throw tooManyPending(requester, limit);
  return null;
}

export function tooManyPending(requester: { id: string }, limit: number): AppError {
  return new AppError("rate_limited", `${requester.id} already has ${limit} pending requests; wait for decisions`, {
    extra: { retry_after: 60 },
  });
}

export interface CreationBody {
  id: string;
  status: string;
  decision_mode: DecisionMode;
  policy: { rule: string | null; version: string };
  required_approvals: number;
  approvers: string[];
  expires_at: string;
  params_digest: string;
  masking: MaskingSummary;
}

export type CreationFields = Pick<
  RequestRow,
  | "id"
  | "status"
  | "decisionMode"
  | "policyRule"
  | "policyVersion"
  | "requiredApprovals"
  | "approvers"
  | "expiresAt"
  | "paramsDigest"
  | "masking"
>;

/** The body of POST /v1/requests for a request, stored or about to be. */
export function creationBody(row: CreationFields): CreationBody {
  return {
    id: row.id,
    status: row.status,
    decision_mode: row.decisionMode as DecisionMode,
    policy: { rule: row.policyRule, version: row.policyVersion },
    required_approvals: row.requiredApprovals,
    approvers: row.approvers,
    expires_at: row.expiresAt.toISOString(),
    params_digest: row.paramsDigest,
    masking: row.masking as MaskingSummary,
  };
}

/** Answers a repeat with the pending request it duplicates, and says so in the audit trail. */
export async function mergeIntoPending(
  ctx: Ctx,
  existing: RequestRow,
  idempotency: { key: string; apiKeyId: string; bodyHash: string } | null,
) {
  const body = { ...creationBody(existing), merged: true };
  await ctx.db.transaction(async (tx) => {
    await appendAudit(tx, { type: "request.merged", requestId: existing.id, actor: ctx.actor, at: ctx.now });
    if (idempotency) {
      await tx
        .insert(idempotencyKeys)
        .values({
          apiKeyId: idempotency.apiKeyId,
          key: idempotency.key,
          bodyHash: idempotency.bodyHash,
          requestId: existing.id,
          responseStatus: 200,
          responseBody: body,
        })
        .onConflictDoNothing();
    }
  });
  ctx.log.info({ request_id: existing.id }, "identical pending request merged");
  return body;
}
