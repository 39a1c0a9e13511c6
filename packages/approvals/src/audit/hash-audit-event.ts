import { canonicalJson } from "../crypto/params-digest";
import { sha256Hex } from "../crypto/tokens";

export const GENESIS_HASH = "0".repeat(64);

export interface HashableAuditEvent {
  id: string;
  at: Date;
  type: string;
  requestId: string | null;
  actor: unknown;
  data: unknown;
  prevHash: string;
}

/** SHA-256 over the canonical JSON of the event, which includes the previous row's hash. */
export function hashAuditEvent(event: HashableAuditEvent): string {
  return sha256Hex(
    canonicalJson({
      id: event.id,
      at: event.at.toISOString(),
      type: event.type,
      request_id: event.requestId,
      actor: event.actor,
      data: event.data,
      prev_hash: event.prevHash,
    }),
  );
}
