// Values the policy's `masking.allow` declares public (a documented demo key, a test card number, a
// vendor's sample credential): a detector's match of exactly such a value is not masked. Only a whole
// match is allowed: a listed value inside a longer secret is masked with the rest.
import type { Detector, Match } from "./types";

/** An entry of the policy's `masking.allow`: an exact value, or a regex the whole value must match. */
export type AllowEntry = string | { regex: string };

export type AllowedValue = (value: string) => boolean;

/** The test for "never mask this value"; null when the policy allows nothing. */
export function allowedValues(entries: AllowEntry[]): AllowedValue | null {
  if (entries.length === 0) return null;
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const e of entries) {
    if (typeof e === "string") exact.add(e);
    else patterns.push(new RegExp(`^(?:${e.regex})$`, "u"));
  }
  let longest = 0;
  for (const v of exact) longest = Math.max(longest, v.length);
  return (value) => (value.length <= longest && exact.has(value)) || patterns.some((p) => p.test(value));
}

/** `detector` with its matches of allowed values left out. */
export function withAllowlist(detector: Detector, allowed: AllowedValue): Detector {
  return {
    ...detector,
    scan(text: string, out: Match[]) {
      const from = out.length;
      detector.scan(text, out);
      let kept = from;
      for (let i = from; i < out.length; i++) {
        const m = out[i]!;
        if (!allowed(text.slice(m.start, m.end))) out[kept++] = m;
      }
      out.length = kept;
    },
  };
}
