const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
const DURATION = /^(?:\d+[smhd])+$/;
const PART = /(\d+)([smhd])/g;

export const DEFAULT_TTL_SECONDS = 15 * 60;
/** Longer than a week and the "approval" is really a standing grant, which is not what countersign is for. */
export const MAX_TTL_SECONDS = 7 * 86_400;

/** Seconds in `text`, or null when it is not a duration like `15m`, `2h` or `1h30m` (units s, m, h, d). */
export function tryParseDuration(text: string): number | null {
  if (!DURATION.test(text)) return null;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    seconds += Number(amount) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS];
  }
  return Number.isSafeInteger(seconds) ? seconds : null;
}

// a Map: the unit comes from chat, and a plain object would also answer to Object.prototype's names
const SPOKEN_UNIT_SECONDS = new Map<string, number>(
  Object.entries({
    s: 1,
    sec: 1,
    secs: 1,
    second: 1,
    seconds: 1,
    m: 60,
    min: 60,
    mins: 60,
    minute: 60,
    minutes: 60,
    h: 3600,
    hr: 3600,
    hrs: 3600,
    hour: 3600,
    hours: 3600,
    d: 86_400,
    day: 86_400,
    days: 86_400,
  }),
);

/**
 * What people type in chat (Slack and Teams alike): `15m`, `1h30m`, `2 hours`, `15 mins`,
 * `1 day`. Seconds, or null when it is not a duration or is zero. The policy file keeps the
 * strict form (`tryParseDuration`).
 */
export function tryParseSpokenDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  const strict = tryParseDuration(trimmed);
  if (strict !== null) return strict >= 1 ? strict : null;
  const match = /^(\d{1,6})\s*([a-z]+)$/.exec(trimmed);
  const unit = match ? SPOKEN_UNIT_SECONDS.get(match[2]!) : undefined;
  const seconds = match && unit !== undefined ? Number(match[1]) * unit : 0;
  return seconds >= 1 ? seconds : null;
}

/** Seconds in a duration like `15m`, `2h` or `1h30m` (units s, m, h, d). Throws a RangeError otherwise. */
export function parseDuration(text: string): number {
  const seconds = tryParseDuration(text);
  if (seconds === null) {
    throw new RangeError(
      `invalid duration ${JSON.stringify(text)}: expected a number and a unit s, m, h or d, e.g. 15m`,
    );
  }
  return seconds;
}

/**
 * How long a request may wait: what the requester asked for, never more than the matched rule allows
 * (15 min when no rule matched). Bad input was refused at the edge, so here it is clamped, not thrown.
 */
export function effectiveTtlSeconds(
  rule: { ttl_seconds: number } | null | undefined,
  requestedSeconds?: number | null,
): number {
  const cap = rule?.ttl_seconds ?? DEFAULT_TTL_SECONDS;
  if (requestedSeconds === undefined || requestedSeconds === null || Number.isNaN(requestedSeconds)) return cap;
  return Math.min(cap, Math.max(1, Math.floor(requestedSeconds)));
}
