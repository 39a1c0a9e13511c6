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
  const id = newId("obx");
  await tx.insert(outbox).values({
    id,
    kind: input.kind,
    requestId: input.requestId,
    payload: input.payload,
    sealed: input.sealed ?? null,
    availableAt: input.availableAt,
  });
  return id;
}
