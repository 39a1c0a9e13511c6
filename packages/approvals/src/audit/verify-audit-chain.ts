import { asc, gt } from "drizzle-orm";
import type { Db } from "../store/database";
import { auditEvents } from "../store/schema";
import { chainAudit } from "./chain-audit";
import { GENESIS_HASH, hashAuditEvent } from "./hash-audit-event";

export type AuditBreak = {
  seq: number;
  id: string | null;
  problem: "altered" | "chain_broken" | "head_missing" | "head_changed";
};

/** The last row of the chain: recorded outside the database, it shows later whether the trail was cut back. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The last row checked; null for an empty trail. */
  head: AuditHead | null;
  firstBreak?: AuditBreak & { message: string };
}

/**
 * Chains what is staged, then walks the chain in order; names the first row whose content or link does
 * not hold. A chain stays whole when rows are removed from its end, so a head recorded earlier
 * (`expectHead`) must still be in it, with the same hash.
 */
export async function verifyAuditChain(
  db: Db,
  options: { batchSize?: number; expectHead?: AuditHead } = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  const expected = options.expectHead;
  await chainAudit(db);
  let prevHash = GENESIS_HASH;
  let prevSeq: number | null = null;
  let after = 0;
  let checked = 0;
  let expectedSeen = false;
  const head = (): AuditHead | null => (prevSeq === null ? null : { seq: prevSeq, hash: prevHash });
  const broken = (firstBreak: AuditBreak & { message: string }): AuditVerification => ({
    ok: false,
    checked,
    head: head(),
    firstBreak,
  });
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
        return broken({ seq: row.seq, id: row.id, problem: "chain_broken", message });
      }
      if (hashAuditEvent(row) !== row.hash) {
        const message = `row seq ${row.seq} (${row.id}) was altered: its content no longer matches its hash`;
        return broken({ seq: row.seq, id: row.id, problem: "altered", message });
      }
      if (expected && row.seq === expected.seq) {
        expectedSeen = true;
        if (row.hash !== expected.hash) {
          const message = `row seq ${row.seq} (${row.id}) no longer has the hash recorded for it (${expected.hash}): the trail up to it was rewritten`;
          return broken({ seq: row.seq, id: row.id, problem: "head_changed", message });
        }
      }
      prevHash = row.hash;
      prevSeq = row.seq;
      checked++;
    }
    if (rows.length === batchSize) {
      after = rows[rows.length - 1]!.seq;
      continue;
    }
    if (expected && !expectedSeen) {
      const message = `row seq ${expected.seq}, recorded as the head earlier, is missing: the trail was cut back to seq ${prevSeq ?? 0}`;
      return broken({ seq: expected.seq, id: null, problem: "head_missing", message });
    }
    return { ok: true, checked, head: head() };
  }
}
