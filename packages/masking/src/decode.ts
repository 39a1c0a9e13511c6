import { base64Runs } from "./text-runs";

// Finding encoded text inside a string and putting it back. A secret that is base64- or
// URL-encoded, or sits in a JSON document stored as a string, must be found like any other; after
// masking, the inner value is encoded again the same way so the string keeps its format.

export interface EncodedSpan {
  start: number;
  end: number;
  encoding: "base64" | "url";
  decoded: string;
  encode: (inner: string) => string;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export function parseJsonContainer(s: string): { ok: true; value: unknown } | { ok: false } {
  let a = 0;
  let b = s.length - 1;
  while (a <= b && isSpaceCode(s.charCodeAt(a))) a++;
  while (b >= a && isSpaceCode(s.charCodeAt(b))) b--;
  const first = s[a];
  const last = s[b];
  const container = (first === "{" && last === "}") || (first === "[" && last === "]");
  const quoted = first === '"' && last === '"' && b - a >= 2 && s.includes("\\");
  if (!container && !quoted) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(s) };
  } catch {
    return { ok: false };
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

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

function decodeBase64(token: string): { decoded: string; encode: (s: string) => string } | null {
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
  let decoded: string;
  try {
    decoded = utf8.decode(bytes);
  } catch {
    return null;
  }
  if (decoded.length < 8 || !printableText(decoded)) return null;
  const encode = (s: string) => {
    const out = Buffer.from(s, "utf8").toString(url ? "base64url" : "base64");
    return padded || !url ? out : out.replace(/=+$/, "");
  };
  return { decoded, encode };
}

const URI_CHAR = /[A-Za-z0-9%._~+!*'()\-:@,;$]/;

function overlaps(start: number, end: number, covered: ReadonlyArray<{ start: number; end: number }>): boolean {
  for (const c of covered) if (start < c.end && end > c.start) return true;
  return false;
}

/** Base64 or percent-encoded runs in `text` outside the already-masked spans. */
export function findEncoded(
  text: string,
  covered: ReadonlyArray<{ start: number; end: number }>,
  kind: "base64" | "url",
): EncodedSpan[] {
  const out: EncodedSpan[] = [];
  if (kind === "base64" && text.length >= 16) {
    const runs = base64Runs(text, 16);
    for (let r = 0; r < runs.length; r += 2) {
      const start = runs[r]!;
      const runEnd = runs[r + 1]!;
      let end = runEnd;
      while (end < text.length && end - runEnd < 2 && text[end] === "=") end++;
      if (end - start > 65536 || overlaps(start, end, covered)) continue;
      const d = decodeBase64(text.slice(start, end));
      if (d) out.push({ start, end, encoding: "base64", decoded: d.decoded, encode: d.encode });
    }
  }
  if (kind === "base64") return out;
  let from = 0;
  for (let pct = text.indexOf("%", from); pct >= 0; pct = text.indexOf("%", from)) {
    from = pct + 1;
    if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(pct + 1, pct + 3))) continue;
    let s = pct;
    while (s > 0 && pct - s < 8192 && URI_CHAR.test(text[s - 1]!)) s--;
    let e = pct + 3;
    while (e < text.length && e - pct < 65536 && URI_CHAR.test(text[e]!)) e++;
    from = e;
    if (overlaps(s, e, covered) || out.some((o) => s < o.end && e > o.start)) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text.slice(s, e));
    } catch {
      continue;
    }
    if (decoded === text.slice(s, e)) continue;
    out.push({ start: s, end: e, encoding: "url", decoded, encode: (inner) => encodeURIComponent(inner) });
  }
  return out;
}
