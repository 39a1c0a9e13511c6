// Masks one string: a JSON document in a string is walked as structure; otherwise the detectors run
// over the text, then base64 and percent-encoded runs that no detector claimed are decoded, masked
// recursively and encoded again.

import { flushSlots, Slot } from "./batch";
import type { MaskContext } from "./context";
import { encodeLike, findEncoded, parseJsonContainer } from "./decode";
import type { Match } from "./detectors/types";
import { detectorLabel } from "./labels";
import type { PathRef } from "./lazy-path";
import { findMatches } from "./scan-text";
import { DROP, isMaskToken, type Replacement } from "./strategies";
import { B64_MIN, base64Runs } from "./text-runs";
import { walkValue } from "./walk";

interface Edit {
  start: number;
  end: number;
  text: string;
}

function maskPercentEncoded(
  s: string,
  path: PathRef,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
): string {
  let out = "";
  let at = 0;
  for (const span of findEncoded(s, [], "url")) {
    const inner = encoding ? `${encoding}>url` : "url";
    const r = maskString(span.decoded, path, null, decodeDepth + 1, inner, ctx, false);
    if (r === span.decoded) continue;
    out += s.slice(at, span.start) + (r === DROP ? "" : encodeLike(span, r));
    at = span.end;
  }
  return at === 0 ? s : out + s.slice(at);
}

export function maskString(
  input: string,
  path: PathRef,
  states: Uint32Array | null,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
  dropOk: boolean,
): Replacement {
  if (input.length === 0) return input;
  let s = input;
  const limits = ctx.policy.limits;
  if (s.length > limits.maxStringLength) return ctx.failClosed(path, "size_limit", encoding);
  ctx.chars += s.length;
  if (ctx.chars > limits.maxTotalChars) return ctx.failClosed(path, "size_limit", encoding);

  // at the cap, a layer that would be opened is not read: it goes whole (JSON in base64 in JSON in
  // base64 must not carry a secret past the detectors)
  if (decodeDepth >= limits.maxDecodeDepth && holdsJsonOrPercent(s)) {
    return ctx.failClosed(path, "decode_depth_limit", encoding);
  }
  if (decodeDepth < limits.maxDecodeDepth) {
    const json = parseJsonContainer(s);
    if (json.ok && (typeof json.value === "object" || typeof json.value === "string") && json.value !== null) {
      const before = ctx.changes;
      const inner = encoding ? `${encoding}>json` : "json";
      // A JSON document given to maskText is walked like a request: its plain strings are
      // scanned as one batch instead of one by one.
      const batch = ctx.slots === null && decodeDepth === 0;
      if (batch) {
        ctx.slots = [];
        ctx.slotDepth = decodeDepth + 1;
      }
      // one of several encoded runs of a string: each is walked from the same path
      const repeated = encoding !== undefined && /(?:^|>)(?:url|base64)$/.test(encoding);
      if (repeated) ctx.repeatedWalks++;
      let masked = walkValue(json.value, path, states, 0, decodeDepth + 1, inner, ctx, new Set());
      if (repeated) ctx.repeatedWalks--;
      if (batch) {
        const slots = ctx.slots!;
        ctx.slots = null;
        flushSlots(slots, ctx);
        if (masked instanceof Slot) masked = masked.result;
      }
      if (ctx.changes === before) return s;
      if (masked === DROP) return ctx.failClosed(path, "field", inner);
      return typeof masked === "string" && isMaskToken(masked) ? masked : JSON.stringify(masked);
    }
  }

  // Percent-encoding first: encoded characters glue a secret to its neighbours ("%22ghp_…"), which
  // would hide it from the boundary-anchored detectors and split it across partial matches.
  if (decodeDepth < limits.maxDecodeDepth && s.includes("%")) {
    s = maskPercentEncoded(s, path, decodeDepth, encoding, ctx);
  }

  return applyMatches(s, findMatches(s, ctx.policy.detectors.text), path, decodeDepth, encoding, ctx, dropOk);
}

function holdsJsonOrPercent(s: string): boolean {
  const json = parseJsonContainer(s);
  if (json.ok && (typeof json.value === "object" || typeof json.value === "string") && json.value !== null) return true;
  return s.includes("%") && findEncoded(s, [], "url").length > 0;
}

/** Strings that must be opened (JSON, percent-encoding) before their text can be scanned. */
export function needsDecoding(s: string): boolean {
  let a = 0;
  while (a < s.length && s.charCodeAt(a) <= 32) a++;
  const c = s[a];
  return c === "{" || c === "[" || c === '"' || s.includes("%");
}

function replaceMatch(
  s: string,
  m: Match,
  path: PathRef,
  encoding: string | undefined,
  ctx: MaskContext,
  dropOk: boolean,
): Replacement {
  return ctx.replace(s.slice(m.start, m.end), m.type, m.category, detectorLabel(m.detector), path, encoding, dropOk);
}

/** Replaces the matches (disjoint, sorted) and the encoded runs nobody matched; DROP drops the field. */
export function applyMatches(
  s: string,
  matches: Match[],
  path: PathRef,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
  dropOk: boolean,
  /**
   * Whether `s` holds a base64 run of 16 or more, when the caller knows (and, if it does, has
   * seeded `base64Runs` with them); undefined: look.
   */
  holdsBase64?: boolean,
): Replacement {
  const holds = holdsBase64 ?? base64Runs(s, B64_MIN).length > 0;
  const atCap = decodeDepth >= ctx.policy.limits.maxDecodeDepth;
  if (holds && atCap && findEncoded(s, matches, "base64").length > 0) {
    return ctx.failClosed(path, "decode_depth_limit", encoding);
  }
  if (!holds || atCap) {
    // the common case: the replacements spliced in as they come (the matches are disjoint and sorted)
    let out = "";
    let at = 0;
    for (const m of matches) {
      const r = replaceMatch(s, m, path, encoding, ctx, dropOk);
      if (r === DROP) return DROP;
      if (m.start < at) continue;
      out += s.slice(at, m.start) + r;
      at = m.end;
    }
    return matches.length === 0 ? s : out + s.slice(at);
  }
  const edits: Edit[] = [];
  for (const m of matches) {
    const r = replaceMatch(s, m, path, encoding, ctx, dropOk);
    if (r === DROP) return DROP;
    edits.push({ start: m.start, end: m.end, text: r });
  }

  for (const span of findEncoded(s, matches, "base64")) {
    const inner = encoding ? `${encoding}>${span.encoding}` : span.encoding;
    const r = maskString(span.decoded, path, null, decodeDepth + 1, inner, ctx, false);
    if (r === span.decoded) continue;
    const text = r === DROP ? "" : isMaskToken(r) ? r : encodeLike(span, r);
    edits.push({ start: span.start, end: span.end, text });
  }
  if (edits.length === 0) return s;
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue;
    out += s.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + s.slice(at);
}
