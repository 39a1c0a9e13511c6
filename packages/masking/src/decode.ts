import { isUtf8 } from "node:buffer";
import { isJsonSpace, mayBeJson } from "./json-shape";
import { base64Runs } from "./text-runs";

// Finding encoded text inside a string and putting it back. A secret that is base64- or
// URL-encoded, or sits in a JSON document stored as a string, must be found like any other; after
// masking, the inner value is encoded again the same way so the string keeps its format.

export interface EncodedSpan {
  start: number;
  end: number;
  encoding: "base64" | "url";
  decoded: string;
  /** Base64 in the URL-safe alphabet (`-_`). */
  urlSafe: boolean;
  /** Base64 that ended in `=` padding. */
  padded: boolean;
}

/**
 * `inner` encoded the way `span` was. Data rather than a closure per span: under keepNames (tsx), a
 * function made at run time costs a defineProperty.
 */
export function encodeLike(span: EncodedSpan, inner: string): string {
  if (span.encoding === "url") return encodeURIComponent(inner);
  const out = Buffer.from(inner, "utf8").toString(span.urlSafe ? "base64url" : "base64");
  return span.padded || !span.urlSafe ? out : out.replace(/=+$/, "");
}

export function parseJsonContainer(s: string): { ok: true; value: unknown } | { ok: false } {
  let a = 0;
  let b = s.length - 1;
  while (a <= b && isJsonSpace(s.charCodeAt(a))) a++;
  while (b >= a && isJsonSpace(s.charCodeAt(b))) b--;
  const first = s[a];
  const last = s[b];
  const container = (first === "{" && last === "}") || (first === "[" && last === "]");
  const quoted = first === '"' && last === '"' && b - a >= 2 && s.includes("\\");
  if (!container && !quoted) return { ok: false };
  if (!mayBeJson(s, a, b)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(s) };
  } catch {
    return { ok: false };
  }
}

// Checked with `isUtf8` first: a fatal decoder throws on bytes that are not UTF-8, and a throw costs
// microseconds (random tokens decode to such bytes). Decoding valid UTF-8 never replaces anything,
// and strips a leading BOM as the fatal decoder does.
const utf8 = new TextDecoder("utf-8");

function printableText(s: string): boolean {
  let printable = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 || c === 9 || c === 10 || c === 13) printable++;
  }
  return printable / s.length >= 0.95 && /[A-Za-z0-9]/.test(s);
}

// Base64 of ASCII text has a character from [A-Za-f] at every fourth position (the top bit of each
// first byte is 0); checking that first rejects identifiers and random tokens without decoding them.
function plausiblyText(token: string): boolean {
  let ok = 0;
  let groups = 0;
  for (let i = 0; i < token.length; i += 4) {
    const c = token.charCodeAt(i);
    groups++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 102)) ok++;
  }
  return ok >= groups * 0.7; // leaves room for multi-byte UTF-8 text
}

function decodeBase64(token: string): { decoded: string; urlSafe: boolean; padded: boolean } | null {
  if (!plausiblyText(token)) return null;
  const url = /[-_]/.test(token);
  if (url && /[+/]/.test(token)) return null;
  const body = token.replace(/=+$/, "");
  if (body.length % 4 === 1) return null;
  const padded = token.endsWith("=");
  if (padded && token.length % 4 !== 0) return null;
  if (/^[0-9a-fA-F]+$/.test(body)) return null; // hex digests decode to noise
  const bytes = Buffer.from(body, url ? "base64url" : "base64");
  // Buffer.from ignores junk; only accept exact round trips.
  if (bytes.toString(url ? "base64url" : "base64").replace(/=+$/, "") !== body) return null;
  if (!isUtf8(bytes)) return null;
  const decoded = utf8.decode(bytes);
  if (decoded.length < 8 || !printableText(decoded)) return null;
  return { decoded, urlSafe: url, padded };
}

// What a percent-encoded run is made of: [A-Za-z0-9%._~+!*'()\-:@,;$], as a table (read per character)
const URI_CHAR = new Uint8Array(128);
for (const c of "%._~+!*'()-:@,;$") URI_CHAR[c.charCodeAt(0)] = 1;
for (let c = 48; c <= 57; c++) URI_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) URI_CHAR[c] = URI_CHAR[c + 32] = 1;

function isUriChar(c: number): boolean {
  return c < 128 && URI_CHAR[c] === 1;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

// The bytes of one group of consecutive escapes, reused from run to run.
let escapeBytes = new Uint8Array(256);

/**
 * Whether decodeURIComponent accepts `run`: every `%` has two hex digits after it, and each group of
 * consecutive escapes spells UTF-8 (a byte above 0x7f must be one of a whole, shortest-form UTF-8
 * sequence, all escaped). Checked first because a throw costs microseconds: `Basic %Basic %…` threw
 * on every `%Ba`, 0.5 ms per KB.
 */
export function percentDecodable(run: string): boolean {
  for (let i = run.indexOf("%"); i >= 0; i = run.indexOf("%", i)) {
    let n = 0;
    let high = false;
    for (; i < run.length && run.charCodeAt(i) === 37; i += 3) {
      const hi = hexDigit(run.charCodeAt(i + 1));
      const lo = hexDigit(run.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) return false;
      if (n === escapeBytes.length) {
        const grown = new Uint8Array(n * 2);
        grown.set(escapeBytes);
        escapeBytes = grown;
      }
      escapeBytes[n++] = (hi << 4) | lo;
      if (hi >= 8) high = true;
    }
    if (high && !isUtf8(escapeBytes.subarray(0, n))) return false;
  }
  return true;
}

/** Whether [start, end) overlaps one of `spans` (ascending and disjoint) from the last one back. */
function overlapsLast(start: number, end: number, spans: ReadonlyArray<{ start: number; end: number }>): boolean {
  for (let k = spans.length - 1; k >= 0 && spans[k]!.end > start; k--) if (end > spans[k]!.start) return true;
  return false;
}

/**
 * Base64 or percent-encoded runs in `text` outside the already-masked spans (`covered`: ascending
 * and disjoint, as merged matches are). Both lists are walked once: a text of many short runs
 * must not cost runs × spans.
 */
export function findEncoded(
  text: string,
  covered: ReadonlyArray<{ start: number; end: number }>,
  kind: "base64" | "url",
): EncodedSpan[] {
  const out: EncodedSpan[] = [];
  if (kind === "base64" && text.length >= 16) {
    const runs = base64Runs(text, 16);
    // the first masked span that does not end before the run at hand (the runs ascend too)
    let c = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const start = runs[r]!;
      const runEnd = runs[r + 1]!;
      let end = runEnd;
      while (end < text.length && end - runEnd < 2 && text[end] === "=") end++;
      while (c < covered.length && covered[c]!.end <= start) c++;
      if (end - start > 65536 || (c < covered.length && covered[c]!.start < end)) continue;
      const d = decodeBase64(text.slice(start, end));
      if (d) out.push({ start, end, encoding: "base64", decoded: d.decoded, urlSafe: d.urlSafe, padded: d.padded });
    }
  }
  if (kind === "base64") return out;
  let from = 0;
  for (let pct = text.indexOf("%", from); pct >= 0; pct = text.indexOf("%", from)) {
    from = pct + 1;
    if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(pct + 1, pct + 3))) continue;
    let s = pct;
    while (s > 0 && pct - s < 8192 && isUriChar(text.charCodeAt(s - 1))) s--;
    let e = pct + 3;
    while (e < text.length && e - pct < 65536 && isUriChar(text.charCodeAt(e))) e++;
    from = e;
    if (overlapsLast(s, e, covered) || overlapsLast(s, e, out)) continue;
    const run = text.slice(s, e);
    if (!percentDecodable(run)) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(run);
    } catch {
      continue; // not expected after percentDecodable; kept so that a difference cannot throw
    }
    if (decoded === run) continue;
    out.push({ start: s, end: e, encoding: "url", decoded, urlSafe: false, padded: false });
  }
  return out;
}
