import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;

/**
 * A short lease, so two jobs for the same card never post or update it at once (two posts would be
 * two cards; two updates could land out of order). Released only by its holder.
 */
export async function acquireLease(
  redis: Redis,
  key: string,
  ttlMs: number,
): Promise<{ release(): Promise<void> } | null> {
  const token = randomBytes(12).toString("hex");
  const taken = await redis.set(key, token, "PX", ttlMs, "NX");
  if (taken !== "OK") return null;
  return {
    release: async () => {
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
