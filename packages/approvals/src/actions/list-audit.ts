import { asc, gt } from "drizzle-orm";
import { z } from "zod";
import { chainAudit } from "../audit/chain-audit";
import type { Ctx } from "../context";
import { auditEvents } from "../store/schema";

export const ListAuditInput = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type ListAuditInput = z.infer<typeof ListAuditInput>;

/** The audit trail, oldest first, from after a sequence number. */
export async function listAudit(ctx: Ctx, input: ListAuditInput) {
  await chainAudit(ctx.db);
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(gt(auditEvents.seq, input.after))
    .orderBy(asc(auditEvents.seq))
    .limit(input.limit);
  return {
    items: rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      at: r.at.toISOString(),
      type: r.type,
      request_id: r.requestId,
      actor: r.actor,
      data: r.data,
      prev_hash: r.prevHash,
      hash: r.hash,
    })),
    next_after: rows.length === input.limit ? (rows[rows.length - 1]?.seq ?? null) : null,
  };
}
