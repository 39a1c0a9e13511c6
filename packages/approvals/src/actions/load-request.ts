import { asc, eq } from "drizzle-orm";
import { AppError } from "../errors";
import type { Db } from "../store/database";
import { decisions, requests } from "../store/schema";

export type RequestRow = typeof requests.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;

export async function loadRequest(db: Db, id: string): Promise<RequestRow> {
  const [row] = await db.select().from(requests).where(eq(requests.id, id)).limit(1);
  if (!row) throw new AppError("not_found", `no request ${id}`);
  return row;
}

export async function loadDecisions(db: Db, requestId: string): Promise<DecisionRow[]> {
  return db.select().from(decisions).where(eq(decisions.requestId, requestId)).orderBy(asc(decisions.at));
}
