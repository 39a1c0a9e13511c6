import { and, eq, gt, isNull } from "drizzle-orm";
import { appendAudit } from "../audit/append-audit";
import type { Ctx } from "../context";
import { requests } from "../store/schema";
import { claimOutboxRow } from "./claim-outbox-row";
import { notifyChannels } from "./finalize-request";
import { loadRequest } from "./load-request";
import type { JobOutcome, OutboxRow } from "./outbox-job";

/**
 * A `request.escalate` job: a request still pending at its escalation deadline gains the escalation's
 * approvers and channels, once. Every channel then shows it (`request.escalated`); new ones get the card.
 */
export async function escalateRequestJob(ctx: Ctx, row: OutboxRow): Promise<JobOutcome> {
  if (!row.requestId) return { status: "dead", error: "escalation without a request" };
  const before = await loadRequest(ctx.db, row.requestId);
  const escalation = before.escalation;
  if (!escalation || before.status !== "pending") return { status: "done" };
  const approvers = [...before.approvers, ...escalation.approvers.filter((a) => !before.approvers.includes(a))];
  const notify = [...before.notify, ...escalation.notify.filter((n) => !before.notify.includes(n))];

  const escalated = await ctx.db.transaction(async (tx) => {
    if (!(await claimOutboxRow(tx, row.id, ctx.now))) return null;
    // approvers and notify change only here, and escalated_at guards this: the lists read above are current.
    const [updated] = await tx
      .update(requests)
      .set({ approvers, notify, escalatedAt: ctx.now })
      .where(
        and(
          eq(requests.id, before.id),
          eq(requests.status, "pending"),
          isNull(requests.escalatedAt),
          gt(requests.expiresAt, ctx.now),
        ),
      )
      .returning();
    if (!updated) return null;
    await appendAudit(tx, {
      type: "request.escalated",
      requestId: updated.id,
      actor: ctx.actor,
      at: ctx.now,
      data: {
        groups: escalation.groups,
        added_approvers: approvers.slice(before.approvers.length),
        added_channels: notify.slice(before.notify.length),
      },
    });
    await notifyChannels(ctx, tx, updated, "request.escalated");
    return updated;
  });
  if (escalated) {
    ctx.env.onOutboxWrite?.();
    ctx.log.info({ request_id: escalated.id }, "request escalated");
  }
  return { status: "done" };
}
