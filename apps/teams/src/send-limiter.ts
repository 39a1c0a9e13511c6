import { RetryLaterError } from "@countersign/approvals";
import type { Redis } from "ioredis";

/** Teams allows about 7 messages per second per conversation (every process of ours shares the budget). */
export const SENDS_PER_SECOND = 7;
const WINDOW_MS = 1000;

// A sliding window in one round trip: drop old entries, count, admit or say how long until a slot frees.
const ADMIT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + tonumber(ARGV[2]) - tonumber(ARGV[1]))
`;

export interface SendLimiter {
  /** Takes one send slot for the conversation, or throws RetryLaterError with the wait. */
  acquire(key: string): Promise<void>;
}

export function createSendLimiter(redis: Redis, limit = SENDS_PER_SECOND): SendLimiter {
  let sequence = 0;
  return {
    async acquire(key) {
      const now = Date.now();
      const member = `${now}:${process.pid}:${sequence++}:${Math.random()}`;
      const waitMs = Number(await redis.eval(ADMIT, 1, key, now, WINDOW_MS, limit, member));
      if (waitMs > 0) throw new RetryLaterError(waitMs + Math.floor(Math.random() * 250), "teams send rate");
    },
  };
}
