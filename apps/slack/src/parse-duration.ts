const UNITS: Record<string, number> = {
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
  d: 86400,
  day: 86400,
  days: 86400,
};

/** "15m", "2 hours", "1d" → seconds; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})\s*([a-z]+)$/i.exec(text.trim());
  if (!match) return null;
  const unit = UNITS[match[2]!.toLowerCase()];
  const seconds = unit === undefined ? 0 : Number(match[1]) * unit;
  return seconds >= 1 ? seconds : null;
}
