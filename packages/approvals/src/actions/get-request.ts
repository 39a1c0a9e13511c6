import { and, eq } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { requests } from "../store/schema";
import { isRequesterOf } from "./cancel-request";
import { issueToken } from "./issue-token";
import { loadDecisions, loadRequest, type RequestRow } from "./load-request";
import { presentRequest } from "./present-request";

export interface GetRequestOptions {
  /** Long-poll: wait up to this many seconds (≤ 60) for the status to change. */
  waitSeconds?: number;
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * The request as approvers see it. For the requester, the first read after approval
 * (when no callback was given) also carries the one-time token; later reads do not.
 */
export async function getRequest(ctx: Ctx, requestId: string, options: GetRequestOptions = {}) {
  let request = await loadRequest(ctx.db, requestId);
  if (!canRead(ctx, request)) throw new AppError("not_found", `no request ${requestId}`);
  const waitMs = Math.min(options.waitSeconds ?? 0, 60) * 1000;
  if (waitMs > 0 && request.status === "pending") {
    const deadline = Date.now() + waitMs;
    const initial = request.status;
    while (request.status === initial && Date.now() < deadline && !options.signal?.aborted) {
      await sleep(Math.min(options.pollIntervalMs ?? 200, Math.max(0, deadline - Date.now())));
      request = await loadRequest(ctx.db, requestId);
    }
  }
  const view = presentRequest(request, await loadDecisions(ctx.db, requestId));
  const token = isRequesterOf(ctx, request) ? await pickUpToken(ctx, request) : null;
  return token ? { ...view, token: token.token, token_expires_at: token.expiresAt.toISOString() } : view;
}

function canRead(ctx: Ctx, request: RequestRow): boolean {
  const { actor } = ctx;
  if (actor.type !== "api-key") return true;
  // An approver's key may read what it is asked to decide; requests:read sees everything.
  const approverOfThis =
    actor.scopes.includes("decisions:write") && !!actor.approver && request.approvers.includes(actor.approver);
  return actor.scopes.includes("requests:read") || approverOfThis || isRequesterOf(ctx, request);
}

async function pickUpToken(ctx: Ctx, request: RequestRow) {
  if (request.status !== "approved" || request.tokenPickup !== "awaiting") return null;
  const now = new Date();
  const issued = await ctx.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(requests)
      .set({ tokenPickup: "collected" })
      .where(and(eq(requests.id, request.id), eq(requests.tokenPickup, "awaiting")))
      .returning();
    if (!claimed) return null;
    await appendAudit(tx, { type: "token.collected", requestId: request.id, actor: ctx.actor, at: now });
    return issueToken({ ...ctx, now }, tx, claimed);
  });
  return issued;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
