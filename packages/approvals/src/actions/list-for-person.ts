import { and, arrayContains, desc, eq, gt, sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { decisions, requests } from "../store/schema";
import { isSelf } from "./approver-identity";
import { presentRequest } from "./present-request";

/** Pending requests this person may still decide: an approver, not the requester, not yet decided. */
export async function listDecidableRequests(ctx: Ctx, email: string, limit = 20) {
  const me = email.toLowerCase();
  const rows = await ctx.db
    .select()
    .from(requests)
    .where(
      and(
        eq(requests.status, "pending"),
        gt(requests.expiresAt, ctx.now),
        arrayContains(requests.approvers, [me]),
        sql`not exists (select 1 from ${decisions} where ${decisions.requestId} = ${requests.id} and ${decisions.approver} = ${me})`,
      ),
    )
    .orderBy(desc(requests.createdAt))
    .limit(limit);
  return rows.filter((r) => !isSelf(me, r)).map((r) => presentRequest(r, []));
}

/** A human requester's own recent requests (requester.id is their email for chat requests). */
export async function listOwnRequests(ctx: Ctx, requesterId: string, limit = 10) {
  const rows = await ctx.db
    .select()
    .from(requests)
    .where(sql`lower(${requests.requesterId}) = ${requesterId.toLowerCase()}`)
    .orderBy(desc(requests.createdAt))
    .limit(limit);
  return rows.map((r) => presentRequest(r, []));
}
