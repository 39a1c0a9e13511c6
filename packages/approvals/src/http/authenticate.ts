import type { FastifyRequest } from "fastify";
import { authenticateApiKey, type Scope, unknownOrRevokedKey } from "../actions/api-keys";
import type { Actor } from "../context";
import { hashApiKey } from "../crypto/tokens";
import { AppError } from "../errors";
import type { Db } from "../store/database";

export type ApiKeyActor = Extract<Actor, { type: "api-key" }>;

declare module "fastify" {
  interface FastifyRequest {
    actor?: ApiKeyActor;
  }
}

export async function authenticate(db: Db, request: FastifyRequest, cache?: ApiKeyCache): Promise<ApiKeyActor> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError("unauthorized", "send Authorization: Bearer <api key>");
  const actor = cache ? await cache.lookup(db, match[1]) : await authenticateApiKey(db, match[1]);
  if (!actor) throw unknownOrRevokedKey();
  return actor;
}

export interface ApiKeyCache {
  lookup(db: Db, key: string): Promise<ApiKeyActor | null>;
}

/**
 * Keys found recently, by hash, so the hot ingest path skips one round trip. Only for endpoints
 * whose action confirms the key is still live in its own write (createRequest does): a cached
 * key never outlives its revocation. Unknown keys are not cached, so a new key works at once.
 */
export function createApiKeyCache(options: { ttlMs?: number; maxEntries?: number } = {}): ApiKeyCache {
  const ttlMs = options.ttlMs ?? 10_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { actor: ApiKeyActor; until: number }>();
  return {
    async lookup(db, key) {
      const hash = hashApiKey(key);
      const now = Date.now();
      const hit = entries.get(hash);
      if (hit && hit.until > now) return hit.actor;
      const actor = await authenticateApiKey(db, key);
      entries.delete(hash);
      if (actor) {
        // A flood of distinct valid keys only costs the cache its hit rate, never memory.
        if (entries.size >= maxEntries) entries.clear();
        entries.set(hash, { actor, until: now + ttlMs });
      }
      return actor;
    },
  };
}

export function requireScope(actor: ApiKeyActor, ...anyOf: Scope[]): void {
  if (!anyOf.some((scope) => actor.scopes.includes(scope))) {
    throw new AppError("forbidden", `this key lacks the scope ${anyOf.join(" or ")}`);
  }
}
