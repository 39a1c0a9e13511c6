import { and, eq } from "drizzle-orm";
import type { Db } from "../store/database";
import { outbox } from "../store/schema";

/**
 * Marks a job's outbox row done inside the transaction that does its work, so a job that runs twice
 * (a worker lost after commit) finds it taken and writes nothing again. Returns whether this run owns it.
 */
export async function claimOutboxRow(tx: Db, id: string, now: Date): Promise<boolean> {
  const claimed = await tx
    .update(outbox)
    .set({ status: "done", doneAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, "pending")))
    .returning({ id: outbox.id });
  return claimed.length > 0;
}
