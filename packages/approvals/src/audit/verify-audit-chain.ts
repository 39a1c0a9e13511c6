import { asc, gt } from "drizzle-orm";
import type { Db } from "../store/database";
import { auditEvents } from "../store/schema";
import { chainAudit } from "./chain-audit";
import { GENESIS_HASH, hashAuditEvent } from "./hash-audit-event";

export type AuditBreak = { seq: number; id: string; problem: "altered" | "chain_broken" };

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBreak?: AuditBreak & { message: string };
}

/** Chains what is staged, then walks the chain in order; names the first row whose content or link does not hold. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<AuditVerification> {
  await chainAudit(db);
  let prevHash = GENESIS_HASH;
  let prevSeq: number | null = null;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, after))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        const message =
          prevSeq === null
            ? `row seq ${row.seq} (${row.id}) does not link to the start of the chain: a row before it is missing`
            : `row seq ${row.seq} (${row.id}) does not link to row seq ${prevSeq}: a row between them is missing or row ${prevSeq} was altered`;
        return { ok: false, checked, firstBreak: { seq: row.seq, id: row.id, problem: "chain_broken", message } };
      }
      if (hashAuditEvent(row) !== row.hash) {
        const message = `row seq ${row.seq} (${row.id}) was altered: its content no longer matches its hash`;
        return { ok: false, checked, firstBreak: { seq: row.seq, id: row.id, problem: "altered", message } };
      }
      prevHash = row.hash;
      prevSeq = row.seq;
      checked++;
    }
    if (rows.length < batchSize) return { ok: true, checked };
    after = rows[rows.length - 1]!.seq;
  }
}
