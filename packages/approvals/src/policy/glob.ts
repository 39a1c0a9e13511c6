/** True when `pattern` uses glob syntax; anything else is compared literally. */
export function isGlob(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

const ANY = "[\\s\\S]";
// With the `u` flag only syntax characters and `/` may be escaped.
const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const MAX_CACHED = 1000;
const cache = new Map<string, RegExp>();

function segment(text: string): string {
  let out = "";
  for (const char of text) {
    out += char === "?" ? ANY : char.replace(SYNTAX, "\\$&");
  }
  return out;
}

/**
 * Compiles a glob (`*` any run of characters, `/` and `.` included; `?` one character; the rest literal)
 * into an anchored, case-sensitive RegExp.
 *
 * A naive `.*` per star backtracks polynomially (`*a*a*a*b` against a long resource is a ReDoS), and
 * the values matched come from requesters. Every segment between two stars has a fixed width, so
 * taking its leftmost occurrence is always safe; each one is matched inside a lookahead captured and
 * replayed by back-reference, which JavaScript never backtracks into. Matching is O(value × pattern).
 */
export function compileGlob(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const parts = pattern.split(/\*+/);
  let source: string;
  if (parts.length === 1) {
    source = `^${segment(pattern)}$`;
  } else {
    const first = parts[0] ?? "";
    const last = parts[parts.length - 1] ?? "";
    const middle = parts.slice(1, -1).map((part, i) => `(?=(${ANY}*?${segment(part)}))\\${i + 1}`);
    source = `^${segment(first)}${middle.join("")}${ANY}*${segment(last)}$`;
  }
  const regexp = new RegExp(source, "u");
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(pattern, regexp);
  return regexp;
}

export function globMatches(pattern: string, value: string): boolean {
  if (!isGlob(pattern)) return pattern === value;
  return compileGlob(pattern).test(value);
}
