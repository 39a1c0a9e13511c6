import { eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit";
import { deliverCallback, shouldGiveUp } from "../callbacks";
import type { Ctx } from "../context";
import { unseal } from "../crypto/seal";
import { outbox, tokens } from "../store/schema";
import { loadSigningSecret } from "./api-keys";
import { loadRequest } from "./load-request";
import type { JobOutcome, OutboxRow } from "./outbox-job";

interface CallbackPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** One delivery attempt of a callback (Standard Webhooks); the webhook-id is the outbox id. */
export async function deliverCallbackJob(ctx: Ctx, row: OutboxRow): Promise<JobOutcome> {
  if (!row.requestId) return { status: "dead", error: "callback without a request" };
  const request = await loadRequest(ctx.db, row.requestId);
  if (!request.callbackUrl) return { status: "dead", error: "request has no callback url" };
  const secret = request.callbackSecretSealed
    ? unseal(ctx.env.keys.seal, request.callbackSecretSealed)
    : request.apiKeyId
      ? await loadSigningSecret(ctx.db, ctx.env.keys.seal, request.apiKeyId)
      : null;
  if (!secret) return { status: "dead", error: "no secret to sign the callback with" };

  const firstAttemptAt = row.firstAttemptAt ?? ctx.now;
  await ctx.db
    .update(outbox)
    .set({ attempts: row.attempts + 1, firstAttemptAt })
    .where(eq(outbox.id, row.id));
  const [token] = row.sealed
    ? await ctx.db.select({ expiresAt: tokens.expiresAt }).from(tokens).where(eq(tokens.requestId, request.id))
    : [];
  if (shouldGiveUp({ firstAttemptAt, now: ctx.now, tokenExpiresAt: token?.expiresAt })) {
    ctx.env.metrics?.callbackAttempt("gave_up");
    return audited(ctx, row, { status: "dead", error: "gave up: the token expired or 24 h passed" });
  }

  const payload = row.payload as CallbackPayload;
  const data = row.sealed ? { ...payload.data, token: unseal(ctx.env.keys.seal, row.sealed) } : payload.data;
  const result = await deliverCallback({
    url: request.callbackUrl,
    body: JSON.stringify({ ...payload, data }),
    webhookId: row.id,
    timestamp: Math.floor(ctx.now.getTime() / 1000),
    secret,
    allowPrivate: ctx.env.allowPrivateCallbacks,
  });
  ctx.env.metrics?.callbackAttempt(result.outcome);
  switch (result.outcome) {
    case "delivered":
      return audited(ctx, row, { status: "done" }, { http_status: result.status });
    case "gone":
      return audited(ctx, row, { status: "dead", error: "receiver answered 410 Gone" }, { http_status: 410 });
    case "refused":
      return audited(ctx, row, { status: "dead", error: `refused: ${result.error}` });
    case "retry":
      return { status: "retry", error: result.status ? `HTTP ${result.status}` : result.error };
  }
}

async function audited(ctx: Ctx, row: OutboxRow, outcome: JobOutcome, extra: Record<string, unknown> = {}) {
  await ctx.db.transaction(async (tx) => {
    await appendAudit(tx, {
      type: outcome.status === "done" ? "callback.delivered" : "callback.failed",
      requestId: row.requestId,
      actor: ctx.actor,
      at: ctx.now,
      data: {
        webhook_id: row.id,
        attempts: row.attempts + 1,
        ...extra,
        ...(outcome.error ? { error: outcome.error } : {}),
      },
    });
  });
  return outcome;
}
