import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { TeamsMember } from "./conversation-reference";
import type { TeamsKeys } from "./teams-keys";

export interface TeamsUser {
  /** The Teams user id (29:…) in this bot's scope. */
  userId: string;
  aadObjectId: string;
  /** Email, else UPN, lower-cased: what policy approvers are matched against. */
  email: string | null;
  name: string | null;
}

const MEMBER_TTL_SECONDS = 3600;
const UNKNOWN_TTL_SECONDS = 60;

export interface IdentityDirectory {
  /** aadObjectId → email (TeamsInfo.getMember), cached in Redis. */
  resolve(
    from: { id: string; aadObjectId: string; name?: string },
    lookup: (userId: string) => Promise<TeamsMember>,
  ): Promise<TeamsUser>;
  /** The Teams user ids we have seen for these emails (for `refresh.userIds`); unknown ones are left out. */
  userIdsFor(emails: string[]): Promise<string[]>;
}

export function createIdentityDirectory(redis: Redis, keys: TeamsKeys, log: Logger): IdentityDirectory {
  return {
    async resolve(from, lookup) {
      const key = keys.member(from.aadObjectId);
      const cached = await redis.get(key);
      if (cached) return JSON.parse(cached) as TeamsUser;
      let member: TeamsMember | null = null;
      try {
        member = await lookup(from.id);
      } catch (error) {
        log.warn({ err: (error as Error).message, aad_object_id: from.aadObjectId }, "teams member lookup failed");
      }
      const email = (member?.email || member?.userPrincipalName || "").trim().toLowerCase() || null;
      const user: TeamsUser = {
        userId: from.id,
        aadObjectId: from.aadObjectId,
        email,
        name: member?.name ?? from.name ?? null,
      };
      await redis.set(key, JSON.stringify(user), "EX", email ? MEMBER_TTL_SECONDS : UNKNOWN_TTL_SECONDS);
      if (email) await redis.hset(keys.userIds, email, from.id);
      return user;
    },
    async userIdsFor(emails) {
      if (emails.length === 0) return [];
      const ids = await redis.hmget(keys.userIds, ...emails.map((e) => e.toLowerCase()));
      return ids.filter((id): id is string => !!id);
    },
  };
}
