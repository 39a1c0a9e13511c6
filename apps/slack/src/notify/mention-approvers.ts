import type { Redis } from "ioredis";
import { escapeMrkdwn } from "../views/block-kit-text";
import { slackErrorCode } from "./call-slack";
import type { NotifierDeps } from "./notifier-deps";

const KNOWN_TTL_SECONDS = 24 * 3600;
const UNKNOWN_TTL_SECONDS = 3600;
const UNKNOWN = "-";

async function slackIdFor(deps: NotifierDeps, redis: Redis, email: string): Promise<string | null> {
  const key = `slack:user-by-email:${email}`;
  const cached = await redis.get(key);
  if (cached) return cached === UNKNOWN ? null : cached;
  try {
    const found = await deps.web.users.lookupByEmail({ email });
    const id = found.user?.id ?? null;
    await redis.set(key, id ?? UNKNOWN, "EX", id ? KNOWN_TTL_SECONDS : UNKNOWN_TTL_SECONDS);
    return id;
  } catch (error) {
    // Only "no such user" is worth remembering; a rate limit or outage just means a name this time.
    if (slackErrorCode(error) === "users_not_found") await redis.set(key, UNKNOWN, "EX", UNKNOWN_TTL_SECONDS);
    return null;
  }
}

/** `<@U…>` for approvers Slack knows by email (so they are notified), their email otherwise. */
export async function mentionApprovers(deps: NotifierDeps, emails: string[]): Promise<string[]> {
  return Promise.all(
    emails.map(async (email) => {
      const id = await slackIdFor(deps, deps.redis, email);
      return id ? `<@${id}>` : escapeMrkdwn(email);
    }),
  );
}
