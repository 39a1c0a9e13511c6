import { and, desc, eq, inArray, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { decisions, requests } from "../store/schema";
import type { DecisionRow } from "./load-request";
import { presentRequest } from "./present-request";

export const ListRequestsInput = z
  .object({
    status: z.enum(["pending", "approved", "denied", "expired", "cancelled"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListRequestsInput = z.infer<typeof ListRequestsInput>;

const Cursor = z.object({ t: z.string().datetime(), id: z.string() });

/** Newest first. A key with requests:read sees every request; any other key only its own. */
export async function listRequests(ctx: Ctx, input: ListRequestsInput) {
  const conditions: SQL[] = [];
  if (input.status) conditions.push(eq(requests.status, input.status));
  if (ctx.actor.type === "api-key" && !ctx.actor.scopes.includes("requests:read")) {
    conditions.push(eq(requests.apiKeyId, ctx.actor.keyId));
  }
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    const t = new Date(cursor.t);
    conditions.push(or(lt(requests.createdAt, t), and(eq(requests.createdAt, t), lt(requests.id, cursor.id)))!);
  }
  const rows = await ctx.db
    .select()
    .from(requests)
    .where(and(...conditions))
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const decisionRows = page.length
    ? await ctx.db
        .select()
        .from(decisions)
        .where(
          inArray(
            decisions.requestId,
            page.map((r) => r.id),
          ),
        )
    : [];
  const byRequest = new Map<string, DecisionRow[]>();
  for (const d of decisionRows) byRequest.set(d.requestId, [...(byRequest.get(d.requestId) ?? []), d]);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentRequest(r, byRequest.get(r.id) ?? [])),
    next_cursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

function encodeCursor(t: Date, id: string): string {
  return Buffer.from(JSON.stringify({ t: t.toISOString(), id })).toString("base64url");
}

function decodeCursor(cursor: string) {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("validation_failed", "cursor is not valid", {
      errors: [{ path: "cursor", message: "not a cursor from this API" }],
    });
  }
}
