import { and, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../audit/append-audit";
import type { Ctx } from "../context";
import { newId } from "../crypto/ids";
import { reportFinished } from "../engine-metrics";
import { AppError } from "../errors";
import { decisions, requests } from "../store/schema";
import { approverEmail, decisionChannel, isSelf } from "./approver-identity";
import { expireIfDue } from "./expire-request";
import { finalizeRequest, notifyChannels } from "./finalize-request";
import { loadDecisions, loadRequest } from "./load-request";
import { presentRequest } from "./present-request";

export const DecideInput = z
  .object({
    verdict: z.enum(["approve", "deny"]),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
export type DecideInput = z.infer<typeof DecideInput>;

/** One approver's verdict. Atomic: racing approvers and double clicks cannot over-count. */
export async function decide(ctx: Ctx, requestId: string, input: DecideInput) {
  const email = approverEmail(ctx.actor);
  if (!email) throw new AppError("not_an_approver", "this identity is not bound to an approver email");
  const request = await loadRequest(ctx.db, requestId);
  if (request.status === "pending" && (await expireIfDue(ctx, request))) {
    throw new AppError("already_decided", "nobody decided in time: the request has timed out");
  }
  if (request.status !== "pending") throw new AppError("already_decided", `the request is already ${request.status}`);
  if (isSelf(email, request))
    throw new AppError("self_approval", "you cannot decide a request you made or that was made on your behalf");
  if (!request.approvers.includes(email))
    throw new AppError("not_an_approver", `${email} is not an approver for this request`);
  if (input.verdict === "deny" && request.denyReasonRequired && !input.reason) {
    throw new AppError("reason_required", "this rule requires a reason to deny");
  }

  const approve = input.verdict === "approve";
  const result = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(decisions)
      .values({
        id: newId("dec"),
        requestId,
        approver: email,
        verdict: input.verdict,
        reason: input.reason ?? null,
        channel: decisionChannel(ctx.actor),
        at: ctx.now,
      })
      .onConflictDoNothing()
      .returning({ id: decisions.id });
    if (inserted.length === 0) throw new AppError("already_decided", "you have already decided this request");

    const nextCount = sql`${requests.approvalCount} + ${approve ? 1 : 0}`;
    const [updated] = await tx
      .update(requests)
      .set({
        approvalCount: nextCount,
        status: approve
          ? sql`case when ${nextCount} >= ${requests.requiredApprovals} then 'approved' else 'pending' end`
          : "denied",
        decidedAt: approve
          ? sql`case when ${nextCount} >= ${requests.requiredApprovals} then ${ctx.now.toISOString()}::timestamptz else null end`
          : ctx.now,
        tokenPickup: approve
          ? sql`case when ${nextCount} >= ${requests.requiredApprovals} and ${requests.callbackUrl} is null then 'awaiting' else null end`
          : null,
      })
      .where(and(eq(requests.id, requestId), eq(requests.status, "pending"), gt(requests.expiresAt, ctx.now)))
      .returning();
    if (!updated) throw new AppError("already_decided", "the request is no longer pending");

    await appendAudit(tx, {
      type: "decision.recorded",
      requestId,
      actor: ctx.actor,
      at: ctx.now,
      data: {
        approver: email,
        verdict: input.verdict,
        reason: input.reason ?? null,
        channel: decisionChannel(ctx.actor),
      },
    });
    if (updated.status === "pending") {
      await notifyChannels(ctx, tx, updated, "request.decision");
    } else {
      await appendAudit(tx, {
        type: `request.${updated.status}`,
        requestId,
        actor: ctx.actor,
        at: ctx.now,
        data: { approvals: updated.approvalCount, required: updated.requiredApprovals },
      });
      await finalizeRequest(ctx, tx, updated, updated.status as "approved" | "denied");
    }
    return updated;
  });
  ctx.env.onOutboxWrite?.();
  if (result.status !== "pending") reportFinished(ctx.env.metrics, result);
  ctx.log.info(
    { request_id: requestId, approver: email, verdict: input.verdict, status: result.status },
    "decision recorded",
  );
  return presentRequest(result, await loadDecisions(ctx.db, requestId));
}
