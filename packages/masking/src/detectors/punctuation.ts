// Where the punctuation some detectors expand around occurs: `@` (email), `:` (URLs, IPv6, MAC),
// `-` (MAC) and `.` (MAC, Discord). The profile pass records the positions as it reads the text;
// a detector then walks the list of its character instead of calling indexOf once per occurrence.

/** The characters whose positions are recorded, and the list each goes to (1-based; 0: none). */
export const MARKED = new Uint8Array(128);
const CHARS = "@:-.";
for (let k = 0; k < CHARS.length; k++) MARKED[CHARS.charCodeAt(k)] = k + 1;

let marksText = "";
let marks: number[][] | null = null;

/** Seeds the memo; `lists[k]` holds the positions of `CHARS[k]` (null: too many were found to keep). */
export function rememberMarks(text: string, lists: number[][] | null): void {
  marksText = text;
  marks = lists;
}

/**
 * Calls `visit` at each position of `ch` (one of `@:-.`) in `text`, in order; `visit` returns the
 * position the next one must be at or after (at least one past its own).
 */
export function eachPosition(text: string, ch: string, visit: (at: number) => number): void {
  const k = MARKED[ch.charCodeAt(0)]! - 1;
  if (k < 0 || ch.length !== 1) throw new Error(`positions of "${ch}" are not recorded`);
  if (text === marksText && marks !== null) {
    let from = 0;
    for (const at of marks[k]!) if (at >= from) from = visit(at);
    return;
  }
  for (let at = text.indexOf(ch); at >= 0; at = text.indexOf(ch, visit(at)));
}

/** Whether `pair`, two characters the first of which is one of `@:-.`, occurs in `text`. */
export function includesPair(text: string, pair: string): boolean {
  const k = MARKED[pair.charCodeAt(0)]! - 1;
  if (k < 0 || pair.length !== 2) throw new Error(`positions of "${pair[0]}" are not recorded`);
  if (text !== marksText || marks === null) return text.includes(pair);
  const second = pair.charCodeAt(1);
  for (const at of marks[k]!) if (text.charCodeAt(at + 1) === second) return true;
  return false;
}

/** How many times `ch` (one of `@:-.`) occurs in `text`, when the profile pass recorded it; else -1. */
export function recordedCount(text: string, ch: string): number {
  const k = MARKED[ch.charCodeAt(0)]! - 1;
  return text === marksText && marks !== null && k >= 0 ? marks[k]!.length : -1;
}
