import { and, eq, gt } from "drizzle-orm";
import type { Ctx } from "../context";
import { writeOutbox } from "../queue/write-outbox";
import { requests } from "../store/schema";
import { claimOutboxRow } from "./claim-outbox-row";
import type { JobOutcome, OutboxRow } from "./outbox-job";
import { nextReminderAt } from "./plan-waiting";

/**
 * A `request.remind` job: while the request is pending, re-notifies every channel it is posted in
 * (`request.reminder`) and schedules the next reminder, never past its expiry.
 */
export async function remindRequestJob(ctx: Ctx, row: OutboxRow): Promise<JobOutcome> {
  if (!row.requestId) return { status: "dead", error: "reminder without a request" };
  const requestId = row.requestId;
  const reminded = await ctx.db.transaction(async (tx) => {
    if (!(await claimOutboxRow(tx, row.id, ctx.now))) return false;
    const [request] = await tx
      .select()
      .from(requests)
      .where(and(eq(requests.id, requestId), eq(requests.status, "pending"), gt(requests.expiresAt, ctx.now)))
      .limit(1);
    if (!request) return false;
    for (const name of request.notify) {
      await writeOutbox(tx, {
        kind: "request.notify",
        requestId,
        availableAt: ctx.now,
        payload: { event: "request.reminder", target: { type: "channel", name } },
      });
    }
    // From now, not from the planned time: a worker that was down for hours sends one reminder, not a burst.
    const next = nextReminderAt(request, ctx.now);
    if (next) await writeOutbox(tx, { kind: "request.remind", requestId, availableAt: next, payload: {} });
    return true;
  });
  if (reminded) {
    ctx.env.onOutboxWrite?.();
    ctx.log.info({ request_id: requestId }, "approvers reminded");
  }
  return { status: "done" };
}
