import { desc, sql } from "drizzle-orm";
import { type Actor, describeActor } from "../context";
import { newId } from "../crypto/ids";
import type { Db } from "../store/database";
import { auditEvents } from "../store/schema";
import { GENESIS_HASH, hashAuditEvent } from "./hash-audit-event";

export interface AuditInput {
  type: string;
  requestId?: string | null;
  actor: Actor;
  data?: Record<string, unknown>;
  at: Date;
}

// One constant advisory lock orders every append, so each row's prev_hash is the row before it.
const AUDIT_LOCK = 0x636f756e; // "coun"

/** Appends one event to the hash chain. Must run inside the transaction of the change it records. */
export async function appendAudit(tx: Db, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const event = {
    id: newId("evt"),
    at: new Date(Math.floor(input.at.getTime())),
    type: input.type,
    requestId: input.requestId ?? null,
    actor: describeActor(input.actor),
    data: input.data ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditEvents).values({ ...event, hash: hashAuditEvent(event) });
}
