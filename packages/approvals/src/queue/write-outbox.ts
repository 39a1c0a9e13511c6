import { newId } from "../crypto/ids";
import type { Db } from "../store/database";
import { outbox } from "../store/schema";
import type { JobKind } from "./job-catalog";

export interface OutboxInput {
  kind: JobKind;
  requestId: string;
  payload: Record<string, unknown>;
  sealed?: string | null;
  availableAt: Date;
}

/** Writes one unit of work in the caller's transaction; the relay moves it to BullMQ after commit. */
export async function writeOutbox(tx: Db, input: OutboxInput): Promise<string> {
  const row = outboxRow(input);
  await tx.insert(outbox).values(row);
  return row.id;
}

/** The row writeOutbox inserts, for a caller that writes it in a statement of its own making. */
export function outboxRow(input: OutboxInput): typeof outbox.$inferInsert & { id: string } {
  return {
    id: newId("obx"),
    kind: input.kind,
    requestId: input.requestId,
    payload: input.payload,
    sealed: input.sealed ?? null,
    availableAt: input.availableAt,
  };
}
