const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Delay before attempt n+1 when n attempts have been made (CONTRACT.md section 3). */
const SCHEDULE_MS = [0, 5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE] as const;
const STEADY_DELAY_MS = HOUR;
// Spreads the retries of many callbacks that failed together (one receiver outage) so they
// do not all return in the same second.
const JITTER = 0.1;
export const CALLBACK_GIVE_UP_AFTER_MS = 24 * HOUR;

/**
 * How long to wait before the next delivery attempt, given how many attempts were already made
 * (0 → the first attempt, at once; 1 → about 5 s; …; 6 and later → about an hour).
 * This is BullMQ's `attemptsMade` for a custom backoff strategy.
 */
export function nextRetryDelayMs(attemptsMade: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 0) {
    throw new RangeError(`attemptsMade must be a non-negative integer, got ${attemptsMade}`);
  }
  const base = SCHEDULE_MS[attemptsMade] ?? STEADY_DELAY_MS;
  return Math.round(base * (1 + JITTER * (2 * random() - 1)));
}

export type GiveUpInput = {
  firstAttemptAt: Date;
  now: Date;
  /** Set when the callback carries a one-time token: once it has expired the callback is useless. */
  tokenExpiresAt?: Date | undefined;
};

export function shouldGiveUp({ firstAttemptAt, now, tokenExpiresAt }: GiveUpInput): boolean {
  if (tokenExpiresAt && now.getTime() >= tokenExpiresAt.getTime()) return true;
  return now.getTime() - firstAttemptAt.getTime() >= CALLBACK_GIVE_UP_AFTER_MS;
}
