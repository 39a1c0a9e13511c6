import { and, eq, lte, sql } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit";
import type { Ctx } from "../context";
import { reportFinished } from "../engine-metrics";
import { requests } from "../store/schema";
import { finalizeRequest } from "./finalize-request";

/**
 * Times out one request if it is still pending and past its deadline: `expired`, or `denied` when its
 * rule says `on_timeout: deny`. Either way the audit event and the callback carry `reason: "timeout"`.
 * Returns whether it did.
 */
export async function expireIfDue(ctx: Ctx, request: { id: string }): Promise<boolean> {
  const expired = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(requests)
      .set({
        status: sql`case when ${requests.onTimeout} = 'deny' then 'denied' else 'expired' end`,
        decidedAt: ctx.now,
      })
      .where(and(eq(requests.id, request.id), eq(requests.status, "pending"), lte(requests.expiresAt, ctx.now)))
      .returning();
    if (!row) return null;
    const status = row.status as "expired" | "denied";
    await appendAudit(tx, {
      type: `request.${status}`,
      requestId: row.id,
      actor: ctx.actor,
      at: ctx.now,
      data: { reason: "timeout" },
    });
    await finalizeRequest(ctx, tx, row, status, { reason: "timeout" });
    return row;
  });
  if (expired) {
    reportFinished(ctx.env.metrics, expired);
    ctx.env.onOutboxWrite?.();
    ctx.log.info({ request_id: request.id, status: expired.status }, "request timed out");
  }
  return expired !== null;
}

/** The backstop behind the delayed expiry jobs: expires whatever is overdue. */
export async function expireOverdue(ctx: Ctx, limit = 100): Promise<number> {
  const overdue = await ctx.db
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.status, "pending"), lte(requests.expiresAt, ctx.now)))
    .limit(limit);
  let count = 0;
  for (const row of overdue) if (await expireIfDue(ctx, row)) count++;
  return count;
}
