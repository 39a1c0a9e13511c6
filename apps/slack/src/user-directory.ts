import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";

export interface SlackUser {
  email: string | null;
  name: string | null;
}

export interface UserDirectory {
  lookup(userId: string): Promise<SlackUser>;
}

const MAX_ENTRIES = 10_000;

/**
 * Slack user id → profile email (users.info, needs `users:read.email`), cached in memory: users.info
 * is Tier 4, but every click needs it. The TTL bounds how long a changed email keeps old rights.
 */
export function createUserDirectory(web: WebClient, log: Logger, ttlMs = 5 * 60_000): UserDirectory {
  const cache = new Map<string, { user: SlackUser; expiresAt: number }>();
  return {
    async lookup(userId) {
      const now = Date.now();
      const hit = cache.get(userId);
      if (hit && hit.expiresAt > now) return hit.user;
      let user: SlackUser;
      try {
        const info = await web.users.info({ user: userId });
        const profile = info.user?.profile;
        user = {
          email: profile?.email?.toLowerCase() ?? null,
          name: profile?.display_name || profile?.real_name || info.user?.real_name || info.user?.name || null,
        };
      } catch (error) {
        // Not cached: a transient failure should not lock the user out for the whole TTL.
        log.warn({ err: error, user_id: userId }, "users.info failed; treating the Slack user as unknown");
        return { email: null, name: null };
      }
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(userId, { user, expiresAt: now + ttlMs });
      return user;
    },
  };
}
