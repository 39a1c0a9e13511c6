// Runs the active detectors over one string and merges their matches into disjoint spans.
// Overlaps are unioned, so nothing in either span shows.
import { profile } from "./detectors/text-profile";
import type { Category, Detector, Match } from "./detectors/types";
import { memoise } from "./memoise";

// On equal spans a named provider labels the finding rather than a catch-all rule.
const GENERIC = new Set(["entropy", "keyword", "llm"]);
const RANK: Record<Category, number> = { secret: 4, custom: 3, identifier: 2, pii: 1 };
// Nothing shorter can hold a credential or a PII value any built-in detector knows.
const MIN_BUILTIN_LENGTH = 2;

// Short strings repeat across rows (names, plans, statuses); detectors are pure, so results are
// memoised per detector set. Callers treat the returned matches as read-only.
const CACHEABLE = 256;
const scanners = new WeakMap<Detector[], (text: string) => Match[]>();

export function findMatches(text: string, detectors: Detector[]): Match[] {
  if (text.length > CACHEABLE) return scan(text, detectors);
  let scanShort = scanners.get(detectors);
  if (!scanShort) {
    scanShort = memoise((short) => scan(short, detectors), 4096);
    scanners.set(detectors, scanShort);
  }
  return scanShort(text);
}

export function scan(text: string, detectors: Detector[]): Match[] {
  const raw: Match[] = [];
  const short = text.length < MIN_BUILTIN_LENGTH;
  const p = profile(text);
  for (const d of detectors) {
    if (short && d.category !== "custom") continue;
    if (d.applies && !d.applies(p)) continue;
    d.scan(text, raw);
  }
  return merge(raw);
}

/** Sorts matches and unions the overlapping ones. */
export function merge(raw: Match[]): Match[] {
  if (raw.length <= 1) return raw;
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Match[] = [];
  for (const m of raw) {
    const last = merged[merged.length - 1];
    if (last && m.start < last.end) {
      // A secret anywhere in the union labels it (so no partial strategy can show part of it);
      // otherwise the longer match names it (a phone number is not an ITIN because it contains one).
      const secretWins = m.category === "secret" && last.category !== "secret";
      const longer =
        m.end - m.start > last.end - last.start ||
        (m.end - m.start === last.end - last.start && GENERIC.has(last.detector) && !GENERIC.has(m.detector));
      const better =
        secretWins ||
        (last.category !== "secret" || m.category === "secret"
          ? longer || (m.end - m.start === last.end - last.start && RANK[m.category] > RANK[last.category])
          : false);
      if (better) {
        last.type = m.type;
        last.detector = m.detector;
        last.category = m.category;
      }
      last.end = Math.max(last.end, m.end);
    } else merged.push({ start: m.start, end: m.end, type: m.type, detector: m.detector, category: m.category });
  }
  return merged;
}
