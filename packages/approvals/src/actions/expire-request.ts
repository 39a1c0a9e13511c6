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
      .where(
        and(
          eq(requests.id, request.id),
          eq(requests.status, "pending"),
          lte(requests.expiresAt, ctx.now),
          // a row another worker (or a decision) holds is left to it: waiting would only find it decided
          sql`${requests.id} in (select id from requests where id = ${request.id} for update skip locked)`,
        ),
      )
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

/**
 * Expires whatever is overdue, oldest deadline first, in batches of `batch`, until none is left or
 * `maxBatches` are done (the next sweep goes on). Returns how many it expired.
 */
export async function expireOverdue(ctx: Ctx, batch = 100, maxBatches = 20): Promise<number> {
  let count = 0;
  for (let round = 0; round < maxBatches; round++) {
    const overdue = await ctx.db
      .select({ id: requests.id })
      .from(requests)
      .where(and(eq(requests.status, "pending"), lte(requests.expiresAt, ctx.now)))
      .orderBy(requests.expiresAt)
      .limit(batch);
    let expired = 0;
    for (const row of overdue) if (await expireIfDue(ctx, row)) expired++;
    count += expired;
    // a short batch was the last; one where nothing expired is held by others (or decided meanwhile)
    if (overdue.length < batch || expired === 0) break;
  }
  return count;
}
