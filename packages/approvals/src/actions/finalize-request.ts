import type { Ctx } from "../context";
import { seal } from "../crypto/seal";
import { type OutboxInput, writeOutbox } from "../queue/write-outbox";
import type { Db } from "../store/database";
import { issueToken } from "./issue-token";
import { loadDecisions, type RequestRow } from "./load-request";
import { presentDecision } from "./present-request";

export type FinalStatus = "approved" | "denied" | "expired" | "cancelled";

/**
 * The work that follows a request reaching a final state, in the same transaction:
 * the token (when approved and a callback will carry it), the callback, the card updates.
 * Returns the token when one was issued here, for a caller that hands it over directly.
 */
export async function finalizeRequest(
  ctx: Ctx,
  tx: Db,
  request: RequestRow,
  status: FinalStatus,
  options: { issueTokenNow?: boolean; reason?: "timeout" } = {},
) {
  const issued =
    status === "approved" && (request.callbackUrl || options.issueTokenNow) ? await issueToken(ctx, tx, request) : null;
  if (request.callbackUrl) {
    const decisionRows = await loadDecisions(tx, request.id);
    await writeOutbox(tx, {
      kind: "callback.deliver",
      requestId: request.id,
      availableAt: ctx.now,
      sealed: issued ? seal(ctx.env.keys.seal, issued.token) : null,
      payload: {
        type: `request.${status}`,
        timestamp: ctx.now.toISOString(),
        data: {
          request_id: request.id,
          action: request.action,
          status,
          params_digest: request.paramsDigest,
          decisions: decisionRows.map(presentDecision),
          ...(options.reason ? { reason: options.reason } : {}),
          ...(issued ? { token_expires_at: issued.expiresAt.toISOString() } : {}),
        },
      },
    });
  }
  await notifyChannels(ctx, tx, request, `request.${status}`);
  if (request.origin) {
    // A human who asked from chat hears the outcome there.
    await writeOutbox(tx, {
      kind: "request.notify",
      requestId: request.id,
      availableAt: ctx.now,
      payload: { event: `request.${status}`, target: { type: "requester" } },
    });
  }
  return issued;
}

/**
 * Every posted copy of the card is updated after any change; the channel adapters do the posting.
 * One job per channel, so a slow or rate-limited platform never holds back (or re-posts to) another.
 */
export async function notifyChannels(ctx: Ctx, tx: Db, request: RequestRow, event: string): Promise<void> {
  for (const work of channelNotices(request, event, ctx.now)) await writeOutbox(tx, work);
}

/** The outbox rows notifyChannels writes: one card update per channel. */
export function channelNotices(request: Pick<RequestRow, "id" | "notify">, event: string, now: Date): OutboxInput[] {
  return request.notify.map((name) => ({
    kind: "request.notify" as const,
    requestId: request.id,
    availableAt: now,
    payload: { event, target: { type: "channel", name } },
  }));
}
