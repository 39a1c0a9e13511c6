import {
  appendRun,
  B64_MIN,
  LITERAL_PAIRS,
  rememberBase64Runs,
  rememberDigitRuns,
  rememberKeywordRootHits,
  rememberLiteralPairHits,
} from "../text-runs";
import { KEYWORD_ROOTS } from "./keyword-roots";

export type Category = "secret" | "identifier" | "pii" | "custom";

export interface Match {
  start: number;
  end: number;
  /** Finding type, e.g. `aws_access_key`, `email`, `iban`. */
  type: string;
  /** Detector name, e.g. `aws`, `keyword`, `email`. */
  detector: string;
  category: Category;
}

/** Character counts of a string, computed once so detectors can skip strings they cannot match. */
export interface TextProfile {
  length: number;
  digits: number;
  letters: number;
  /** Longest run without whitespace. */
  longestWord: number;
  at: number;
  colons: number;
  dashes: number;
  dots: number;
}

export interface Detector {
  name: string;
  category: Category;
  /** Cheap gate: false means `scan` could not match anything in a string with this profile. */
  applies?: (p: TextProfile) => boolean;
  /** Appends every match in `text` to `out`. Must run in time linear in `text.length`. */
  scan(text: string, out: Match[]): void;
}

// Character classes for the profile pass, one table read per character instead of a chain of
// range tests. Base64 covers both alphabets (`+/` and `-_`), as `base64Runs` does.
const DIGIT = 1;
const LETTER = 2;
const B64 = 4;
const SPACE = 8;
const AT = 16;
const COLON = 32;
const DASH = 64;
const DOT = 128;
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT | B64;
for (let c = 65; c <= 90; c++) CLASS[c] = LETTER | B64;
for (let c = 97; c <= 122; c++) CLASS[c] = LETTER | B64;
for (const c of [43, 47, 95]) CLASS[c] = B64;
CLASS[45] = DASH | B64;
for (const c of [32, 10, 9, 13]) CLASS[c] = SPACE;
CLASS[64] = AT;
CLASS[58] = COLON;
CLASS[46] = DOT;

// Letters folded to 1..26 (`c & 31`), three to a 15-bit key: the three-letter starts of the keyword
// detector's roots (`pass`, `secret`, `token`, …), and its one two-letter root, `pw`.
// A key's entry: bit 1, a root starts at its first letter; bit 2, "pw" starts at its second (the
// first group is any letter, or 0 at the start of a run).
const ROOT_TRIPLES = new Uint8Array(1 << 15);
for (const root of KEYWORD_ROOTS) {
  if (root.length < 3) continue;
  ROOT_TRIPLES[((root.charCodeAt(0) & 31) << 10) | ((root.charCodeAt(1) & 31) << 5) | (root.charCodeAt(2) & 31)]! |= 1;
}
for (let first = 0; first <= 26; first++) ROOT_TRIPLES[(first << 10) | ((112 & 31) << 5) | (119 & 31)]! |= 2;
if (KEYWORD_ROOTS.some((r) => r.length < 2 || (r.length === 2 && r !== "pw") || !/^[a-z]+$/.test(r)))
  throw new Error("keyword roots must be lower-case letters, and pw the only one of two");

/**
 * Character counts of `text` in one pass; the same pass records the digit runs the numeric
 * detectors start from (see `digitRuns`), the base64 runs of 16 or more characters the entropy
 * detector and the decoder read (see `base64Runs`), and where a pair of characters that starts a
 * provider literal occurs (see `literalPairHits`), so they need no pass of their own.
 */
export function profile(text: string): TextProfile {
  let digits = 0;
  let letters = 0;
  let longestWord = 0;
  let at = 0;
  let colons = 0;
  let dashes = 0;
  let dots = 0;
  let word = 0;
  let runs = new Int32Array(64);
  let n = 0;
  let runStart = -1;
  const b64: number[] = [];
  let b64Start = -1;
  const pairs = LITERAL_PAIRS;
  const hits: number[] = [];
  // the keyword detector's roots, found in the letter runs (ASCII texts only, see keywordRootHits)
  const roots: number[] = [];
  let ascii = true;
  // past this many, a text made of literals (hostile input, or a blob of one token) is better read
  // whole by the detectors themselves: the lists are dropped
  const cap = (text.length >> 4) + 64;
  // the previous character when ASCII, else 0 (no literal starts with NUL)
  let prev = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    let c = text.charCodeAt(i);
    if ((c | 32) >= 97 && (c | 32) <= 122) {
      // the common case, a run of letters: they continue a base64 run and end a digit run
      const from = i;
      let folded = 0;
      for (;;) {
        if (pairs[(prev << 7) | c] !== 0 && hits.length <= cap) hits.push(i - 1);
        prev = c;
        folded = ((folded << 5) | (c & 31)) & 0x7fff;
        // (a letter folds to 1..26: a 0 group, from before the run started, starts no root of three)
        const root = ROOT_TRIPLES[folded]!;
        if (root !== 0 && roots.length <= cap) {
          if ((root & 1) !== 0) roots.push(i - 2);
          if ((root & 2) !== 0) roots.push(i - 1);
        }
        if (++i >= length) break;
        c = text.charCodeAt(i);
        if ((c | 32) < 97 || (c | 32) > 122) break;
      }
      letters += i - from;
      word += i - from;
      if (b64Start < 0) b64Start = from;
      if (runStart >= 0) {
        runs = appendRun(runs, n, runStart, from - runStart);
        n += 2;
        runStart = -1;
      }
      if (i >= length) break;
    }
    let k = 0;
    if (c < 128) {
      if (pairs[(prev << 7) | c] !== 0 && hits.length <= cap) hits.push(i - 1);
      prev = c;
      k = CLASS[c]!;
    } else {
      prev = 0;
      ascii = false;
    }
    if ((k & B64) === 0) {
      if (b64Start >= 0) {
        if (i - b64Start >= B64_MIN) b64.push(b64Start, i);
        b64Start = -1;
      }
    } else if (b64Start < 0) b64Start = i;
    if ((k & DIGIT) !== 0) {
      digits++;
      word++;
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0) {
      runs = appendRun(runs, n, runStart, i - runStart);
      n += 2;
      runStart = -1;
    }
    if (k === 0) {
      word++;
      continue;
    }
    if ((k & SPACE) !== 0) {
      if (word > longestWord) longestWord = word;
      word = 0;
      continue;
    }
    word++;
    if ((k & LETTER) !== 0) letters++;
    else if (k === AT) at++;
    else if (k === COLON) colons++;
    else if ((k & DASH) !== 0) dashes++;
    else if (k === DOT) dots++;
  }
  if (word > longestWord) longestWord = word;
  if (b64Start >= 0 && length - b64Start >= B64_MIN) b64.push(b64Start, length);
  if (runStart >= 0) {
    runs = appendRun(runs, n, runStart, length - runStart);
    n += 2;
  }
  rememberDigitRuns(text, runs.subarray(0, n));
  rememberBase64Runs(text, b64);
  rememberLiteralPairHits(text, hits.length <= cap ? hits : null);
  rememberKeywordRootHits(text, ascii && roots.length <= cap ? roots : null);
  return { length, digits, letters, longestWord, at, colons, dashes, dots };
}
