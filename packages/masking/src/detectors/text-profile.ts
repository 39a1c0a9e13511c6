import { codeUnits } from "../code-units";
import { B64_MIN, rememberBase64Runs, rememberDigitRuns } from "../text-runs";
import { MARKED, rememberMarks } from "./punctuation";
import { PHRASE_ENDINGS, PHRASE_WORDS, rememberShortWordRuns } from "./short-word-runs";
import { EDGE_PAIRS, LAST_TWO_LETTERS, LITERAL, ROOT, ROOT_PW, rememberStarts, TRIPLES, WORD } from "./text-starts";
import type { TextProfile } from "./types";

// Base64 punctuation (both alphabets, `+/` and `-_`, as `base64Runs` reads them); letters and digits
// are base64 too.
const B64_PUNCTUATION = new Uint8Array(128);
for (const c of [43, 47, 95, 45]) B64_PUNCTUATION[c] = 1;
// Counts of each ASCII punctuation character, reset per pass (a count per character instead of a
// branch per class: the counts the gates read are picked out at the end).
const counts = new Int32Array(128);

// The digit-run list is reused from call to call (a typed array costs more to allocate than to fill);
// it is only read by the detectors scanning the text just profiled. A huge one is not kept.
const KEEP_RUNS = 1 << 16;
let runsBuffer: Int32Array<ArrayBuffer> = new Int32Array(1024);

/**
 * Character counts of `text` in one pass; the same pass records the digit runs the numeric
 * detectors start from (see `digitRuns`), the base64 runs of 16 or more characters the entropy
 * detector and the decoder read (see `base64Runs`), and where provider literals, keyword roots and
 * header words may start (see text-starts.ts), and the runs of short words a recovery phrase could
 * hide in (see short-word-runs.ts), so they need no pass of their own.
 */
export function profile(text: string): TextProfile {
  counts.fill(0);
  let digits = 0;
  let letters = 0;
  let longestWord = 0;
  let lastSpace = -1;
  let runs = runsBuffer;
  let n = 0;
  let runLengths = 0;
  const b64: number[] = [];
  let b64Start = -1;
  const edges = EDGE_PAIRS;
  const triples = TRIPLES;
  const hits: number[] = [];
  const roots: number[] = [];
  const words: number[] = [];
  const marks: number[][] = [[], [], [], []];
  let marked = 0;
  // the run of words being read that could be a recovery phrase's (see short-word-runs.ts)
  let shortWords = 0;
  const phraseHits: number[] = [];
  const endings = PHRASE_ENDINGS;
  let ascii = true;
  // past this many, a text made of literals (hostile input, or a blob of one token) is better read
  // whole by the detectors themselves: the lists are dropped
  const cap = (text.length >> 4) + 64;
  const markCap = (text.length >> 2) + 64;
  // the previous character when ASCII, else 0 (no literal starts with NUL)
  let prev = 0;
  const length = text.length;
  const units = codeUnits(text);
  let i = 0;
  while (i < length) {
    let c = units[i]!;
    if ((c | 32) >= 97 && (c | 32) <= 122) {
      // the common case, a run of letters: only the table of letter triples is read per letter
      const from = i;
      if (edges[(prev << 7) | c] !== 0 && hits.length <= cap) hits.push(i - 1);
      let folded = c & 31;
      for (;;) {
        if (++i >= length) break;
        c = units[i]!;
        if ((c | 32) < 97 || (c | 32) > 122) break;
        folded = ((folded << 5) | (c & 31)) & 0x7fff;
        const t = triples[folded]!;
        if (t !== 0) {
          if ((t & LITERAL) !== 0 && hits.length <= cap) hits.push(i - 2);
          if ((t & (ROOT | ROOT_PW)) !== 0 && roots.length <= cap) {
            if ((t & ROOT) !== 0) roots.push(i - 2);
            if ((t & ROOT_PW) !== 0) roots.push(i - 1);
          }
          if ((t & WORD) !== 0 && words.length <= cap) words.push(i - 2);
        }
      }
      const len = i - from;
      if (len >= 2 && LAST_TWO_LETTERS[folded & 0x3ff] !== 0 && hits.length <= cap) hits.push(i - 2);
      prev = units[i - 1]!;
      letters += len;
      // three to eight letters (one unsigned comparison), ending like a word of the list
      if ((len - 3) >>> 0 <= 5 && ((endings[folded >>> 5]! >>> (folded & 31)) & 1) !== 0) {
        if (++shortWords === PHRASE_WORDS) {
          // one hit every twelve words: a long run may hold several phrases
          shortWords = 0;
          if (phraseHits.length <= cap) phraseHits.push(i);
        }
      } else shortWords = 0;
      if (b64Start < 0) b64Start = from;
      continue;
    }
    if (c >= 48 && c <= 57) {
      const from = i;
      for (;;) {
        if (edges[(prev << 7) | c] !== 0 && hits.length <= cap) hits.push(i - 1);
        prev = c;
        if (++i >= length) break;
        c = units[i]!;
        if (c < 48 || c > 57) break;
      }
      digits += i - from;
      if (i - from > 2) shortWords = 0;
      runLengths |= 1 << Math.min(i - from, 31);
      runs = appendRun(runs, n, from, i - from);
      n += 2;
      if (b64Start < 0) b64Start = from;
      continue;
    }
    if (c === 32) {
      // a space, most of what is left: it ends a base64 run and a word, and is neither counted nor marked
      if (edges[(prev << 7) | c] !== 0 && hits.length <= cap) hits.push(i - 1);
      prev = c;
      if (b64Start >= 0) {
        if (i - b64Start >= B64_MIN) b64.push(b64Start, i);
        b64Start = -1;
      }
      if (i - lastSpace - 1 > longestWord) longestWord = i - lastSpace - 1;
      lastSpace = i;
      i++;
      continue;
    }
    if (c < 128) {
      if (edges[(prev << 7) | c] !== 0 && hits.length <= cap) hits.push(i - 1);
      prev = c;
      counts[c]!++;
      const m = MARKED[c]!;
      if (m !== 0 && ++marked <= markCap) marks[m - 1]!.push(i);
    } else {
      prev = 0;
      ascii = false;
    }
    if (c < 128 && B64_PUNCTUATION[c] !== 0) {
      if (b64Start < 0) b64Start = i;
    } else {
      if (b64Start >= 0) {
        if (i - b64Start >= B64_MIN) b64.push(b64Start, i);
        b64Start = -1;
      }
      if (c === 32 || c === 10 || c === 9 || c === 13) {
        if (i - lastSpace - 1 > longestWord) longestWord = i - lastSpace - 1;
        lastSpace = i;
      }
    }
    i++;
  }
  if (length - lastSpace - 1 > longestWord) longestWord = length - lastSpace - 1;
  if (b64Start >= 0 && length - b64Start >= B64_MIN) b64.push(b64Start, length);
  rememberDigitRuns(text, runs.subarray(0, n), runLengths, digits);
  rememberShortWordRuns(text, phraseHits.length <= cap ? phraseHits : null);
  rememberBase64Runs(text, b64);
  rememberMarks(text, marked <= markCap ? marks : null);
  rememberStarts(
    text,
    hits.length <= cap ? hits : null,
    ascii && roots.length <= cap ? roots : null,
    words.length <= cap ? words : null,
  );
  return {
    length,
    digits,
    letters,
    longestWord,
    at: counts[64]!,
    colons: counts[58]!,
    dashes: counts[45]!,
    dots: counts[46]!,
  };
}

/** Writes one [start, length] pair at `n`, growing the list when full; returns the list to keep using. */
function appendRun(runs: Int32Array<ArrayBuffer>, n: number, start: number, length: number): Int32Array<ArrayBuffer> {
  let list = runs;
  if (n + 2 > list.length) {
    list = new Int32Array(list.length * 2);
    list.set(runs);
    if (list.length <= KEEP_RUNS) runsBuffer = list;
  }
  list[n] = start;
  list[n + 1] = length;
  return list;
}
