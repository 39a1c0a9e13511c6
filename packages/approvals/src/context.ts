import type { Masker } from "@countersign/masking";
import type { Logger } from "pino";
import type { SecretKeys } from "./crypto/secret-keys";
import type { EngineMetrics } from "./engine-metrics";
import type { LoadedPolicy } from "./policy-source";
import type { Db } from "./store/database";

/** Who is acting: every engine action names its actor (ARCHITECTURE.md rule 1). */
export type Actor =
  | { type: "api-key"; keyId: string; scopes: string[]; approver: string | null }
  | { type: "slack"; userId: string; teamId: string; email: string | null }
  | { type: "teams"; aadObjectId: string; email: string | null }
  | { type: "cli"; user: string }
  | { type: "system"; reason: string };

/** Settings and collaborators the engine needs; built once by the app from its config. */
export interface EngineEnv {
  policy: () => LoadedPolicy;
  masker: Masker;
  keys: SecretKeys;
  allowPrivateCallbacks: boolean;
  metrics?: EngineMetrics;
  /** Most requests one requester may have pending at once (default 100). */
  maxPendingPerRequester?: number;
  /**
   * Called after a transaction that wrote outbox rows, so the relay moves them at once; `firstDue`,
   * when given, is when the earliest of them is due (the relay ignores a nudge for later work).
   */
  onOutboxWrite?: (firstDue?: Date) => void;
}

export interface Ctx {
  actor: Actor;
  db: Db;
  log: Logger;
  now: Date;
  env: EngineEnv;
}

/** A compact, non-secret description of the actor for audit rows and logs. */
export function describeActor(actor: Actor): Record<string, string | null> {
  switch (actor.type) {
    case "api-key":
      return { type: actor.type, key_id: actor.keyId, approver: actor.approver };
    case "slack":
      return { type: actor.type, user_id: actor.userId, team_id: actor.teamId, email: actor.email };
    case "teams":
      return { type: actor.type, aad_object_id: actor.aadObjectId, email: actor.email };
    case "cli":
      return { type: actor.type, user: actor.user };
    case "system":
      return { type: actor.type, reason: actor.reason };
  }
}
