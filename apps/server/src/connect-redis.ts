import { Redis } from "ioredis";
import { StartupError } from "./startup-error";

const HOW_TO_START = "start one with: redis-server --daemonize yes --port 6379 (or set REDIS_URL to a Redis you have)";

/** Connects to BullMQ's Redis, failing fast with a clear message when it is missing or unsafe. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, connectTimeout: 3000 });
  // ioredis reconnects by itself later; the error event must have a listener or the process dies.
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new StartupError(
      `Redis is not reachable at ${redactUrl(url)} (${(error as Error).message}); ${HOW_TO_START}`,
    );
  }
  const policy = await readEvictionPolicy(redis);
  if (policy && policy !== "noeviction") {
    redis.disconnect();
    throw new StartupError(
      `Redis at ${redactUrl(url)} has maxmemory-policy ${policy}; BullMQ needs noeviction or queued work can vanish (redis-cli config set maxmemory-policy noeviction)`,
    );
  }
  return redis;
}

async function readEvictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const reply = (await redis.config("GET", "maxmemory-policy")) as string[];
    return reply[1] ?? null;
  } catch {
    return null; // managed Redis services often disable CONFIG; nothing to check then
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
