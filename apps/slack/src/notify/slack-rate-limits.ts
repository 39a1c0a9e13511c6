import { RetryLaterError } from "@countersign/approvals";
import type { Redis } from "ioredis";

const PREFIX = "slack";
// chat.postMessage: about one message per second per channel (Slack's "special" rate limit).
const POST_INTERVAL_MS = 1_000;
// chat.update is Tier 3: 50+ calls a minute per workspace; stay at 50 and let a 429 say the rest.
const UPDATES_PER_MINUTE = 50;

/** Takes this channel's posting slot for the next second, or asks the queue to come back when it frees. */
export async function takePostSlot(redis: Redis, channel: string): Promise<void> {
  const key = `${PREFIX}:post:${channel}`;
  if ((await redis.set(key, "1", "PX", POST_INTERVAL_MS, "NX")) === "OK") return;
  const wait = await redis.pttl(key);
  throw new RetryLaterError(Math.max(50, wait));
}

/**
 * Counts chat.update calls per workspace and minute; past the budget, waits for the next minute.
 * The parked updates wake at random points of that minute: woken all at its start, hundreds of
 * them would crowd the workers just when the budget only lets 50 through.
 */
export async function takeUpdateSlot(redis: Redis, team: string, nowMs = Date.now()): Promise<void> {
  const minute = Math.floor(nowMs / 60_000);
  const key = `${PREFIX}:update:${team}:${minute}`;
  const count = await redis.incr(key);
  if (count === 1) await redis.pexpire(key, 61_000);
  if (count <= UPDATES_PER_MINUTE) return;
  throw new RetryLaterError((minute + 1) * 60_000 - nowMs + Math.floor(Math.random() * 60_000));
}
