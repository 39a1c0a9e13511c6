import { canonicalJson } from "../crypto/params-digest";
import { sha256Hex } from "../crypto/tokens";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditEventContent {
  id: string;
  at: Date;
  type: string;
  requestId: string | null;
  actor: unknown;
  data: unknown;
}

/** SHA-256 over the canonical JSON of what the event says. */
export function hashAuditContent(event: AuditEventContent): string {
  return sha256Hex(
    canonicalJson({
      id: event.id,
      at: event.at.toISOString(),
      type: event.type,
      request_id: event.requestId,
      actor: event.actor,
      data: event.data,
    }),
  );
}

/**
 * A row's hash links its content to the row before it. The database computes the same thing
 * when it appends the row at commit (migration 0007), so the two must not drift apart.
 */
export function chainHash(prevHash: string, contentHash: string): string {
  return sha256Hex(prevHash + contentHash);
}

export function hashAuditEvent(event: AuditEventContent & { prevHash: string }): string {
  return chainHash(event.prevHash, hashAuditContent(event));
}
