import { and, eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit";
import type { Ctx } from "../context";
import { reportFinished } from "../engine-metrics";
import { AppError } from "../errors";
import { requests } from "../store/schema";
import { finalizeRequest } from "./finalize-request";
import { loadDecisions, loadRequest } from "./load-request";
import { presentRequest } from "./present-request";

/** The requester withdraws a pending request: only the key (or chat user) that made it may. */
export async function cancelRequest(ctx: Ctx, requestId: string, reason?: string) {
  const request = await loadRequest(ctx.db, requestId);
  if (!isRequesterOf(ctx, request)) throw new AppError("forbidden", "only the requester can cancel this request");
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(requests)
      .set({ status: "cancelled", decidedAt: ctx.now })
      .where(and(eq(requests.id, requestId), eq(requests.status, "pending")))
      .returning();
    if (!row) throw new AppError("already_decided", `the request is already ${request.status}`);
    await appendAudit(tx, {
      type: "request.cancelled",
      requestId,
      actor: ctx.actor,
      at: ctx.now,
      data: { reason: reason ?? null },
    });
    await finalizeRequest(ctx, tx, row, "cancelled");
    return row;
  });
  ctx.env.onOutboxWrite?.();
  reportFinished(ctx.env.metrics, updated);
  return presentRequest(updated, await loadDecisions(ctx.db, requestId));
}

export function isRequesterOf(
  ctx: Ctx,
  request: { apiKeyId: string | null; requesterId: string; requesterType: string },
) {
  const { actor } = ctx;
  if (actor.type === "api-key") return request.apiKeyId === actor.keyId;
  if (actor.type === "slack" || actor.type === "teams") {
    return (
      request.requesterType === "human" &&
      !!actor.email &&
      request.requesterId.toLowerCase() === actor.email.toLowerCase()
    );
  }
  return false;
}
