import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../audit/append-audit";
import type { Ctx } from "../context";
import { constantTimeEqual, hashToken } from "../crypto/tokens";
import { AppError } from "../errors";
import { tokens } from "../store/schema";
import { loadDecisions, loadRequest } from "./load-request";

export const RedeemTokenInput = z
  .object({
    token: z.string().regex(/^cst_[A-Za-z0-9_-]{43}$/, "must be a countersign token (cst_…)"),
    params_digest: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, "must be sha256: followed by 64 hex digits")
      .optional(),
  })
  .strict();
export type RedeemTokenInput = z.infer<typeof RedeemTokenInput>;

/** The executor spends the token: of any number of concurrent redeems exactly one succeeds. */
export async function redeemToken(ctx: Ctx, input: RedeemTokenInput) {
  const hash = hashToken(ctx.env.keys.tokenHash, input.token);
  const [found] = await ctx.db.select().from(tokens).where(eq(tokens.tokenHash, hash)).limit(1);
  if (!found) throw new AppError("not_found", "unknown token");
  if (input.params_digest && !constantTimeEqual(input.params_digest, found.paramsDigest)) {
    throw new AppError("params_mismatch", "params_digest is not the approved one; the token was not spent");
  }
  const spent = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(tokens)
      .set({ redeemedAt: ctx.now })
      .where(and(eq(tokens.id, found.id), isNull(tokens.redeemedAt), gt(tokens.expiresAt, ctx.now)))
      .returning();
    if (!row) return null;
    await appendAudit(tx, { type: "token.redeemed", requestId: row.requestId, actor: ctx.actor, at: ctx.now });
    return row;
  });
  if (!spent) {
    if (found.redeemedAt) throw new AppError("token_used", "this token has already been redeemed");
    const [again] = await ctx.db.select().from(tokens).where(eq(tokens.id, found.id)).limit(1);
    if (again?.redeemedAt) throw new AppError("token_used", "this token has already been redeemed");
    throw new AppError("token_expired", "this token has expired");
  }
  const request = await loadRequest(ctx.db, spent.requestId);
  const approvedBy = (await loadDecisions(ctx.db, spent.requestId))
    .filter((d) => d.verdict === "approve")
    .map((d) => d.approver);
  ctx.log.info({ request_id: spent.requestId }, "token redeemed");
  return {
    request_id: request.id,
    action: request.action,
    resource: request.resource,
    environment: request.environment,
    params_digest: spent.paramsDigest,
    approved_by: request.decisionMode === "auto_approved" ? [`policy:${request.policyRule}`] : approvedBy,
    redeemed_at: ctx.now.toISOString(),
  };
}
