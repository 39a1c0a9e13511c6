import { RetryLaterError } from "@countersign/approvals";
import type { Redis } from "ioredis";
import { ConnectorError, TRANSIENT_STATUSES } from "./connector-error";

const BASE_MS = 1000;
const CAP_MS = 60_000;
/** After this many transient failures in a row, let the job fail normally (BullMQ's own attempts then apply). */
const MAX_PARKED = 12;

/** Exponential backoff with full jitter, so many parked jobs do not come back in one burst. */
export function backoffMs(failures: number, random = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.max(BASE_MS / 2, Math.floor(random() * ceiling));
}

/**
 * Runs one Bot Connector call. A transient answer (429, 412, 502, 503, 504) becomes RetryLaterError:
 * the queue parks the job for Retry-After (or a jittered backoff) instead of a worker sleeping.
 */
export async function withConnectorRetry<T>(redis: Redis, failuresKey: string, call: () => Promise<T>): Promise<T> {
  try {
    const result = await call();
    await redis.del(failuresKey);
    return result;
  } catch (error) {
    if (!(error instanceof ConnectorError) || !TRANSIENT_STATUSES.has(error.status)) throw error;
    const failures = await redis.incr(failuresKey);
    await redis.expire(failuresKey, 3600);
    if (failures > MAX_PARKED) throw error;
    const delay =
      error.retryAfterMs === null ? backoffMs(failures) : error.retryAfterMs + Math.floor(Math.random() * 250);
    throw new RetryLaterError(delay, `Bot Connector answered ${error.status}; retry in ${delay} ms`);
  }
}
