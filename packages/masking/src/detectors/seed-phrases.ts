// BIP-39 recovery phrases: 12 to 24 words from one 2048-word list that derive a crypto wallet's
// keys, so whoever reads one owns the wallet. The words are common English ones, so a phrase is
// confirmed by its checksum (the last word carries the first bits of the SHA-256 of the rest), which
// a run of ordinary words passes once in 16 tries at the shortest length and far less at the longer.
// The word list and the checksum come from @scure/bip39 (audited, the reference many wallets use).
import { validateMnemonic } from "@scure/bip39";
import { wordlist } from "@scure/bip39/wordlists/english.js";
import { PHRASE_WORDS, shortWordRunHits } from "./short-word-runs";
import type { Detector, Match } from "./types";

const WORDS = new Set(wordlist);
const LENGTHS = [24, 21, 18, 15, 12];
// A run of list words is tried at every start and length; a longer run than real text holds (a
// hostile one) is masked whole past this many checks rather than checked on.
const MAX_CHECKS = 256;

// reused from call to call: the start/end pairs of the run of candidate words being read
const run: number[] = [];
const isWordChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95 || c > 127;
// what may stand between two words of a phrase: blanks, a comma (`legal, winner`), and a list's
// numbering (`1. legal 2. winner`, `1) legal`), which is read as a word and skipped
const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Whether the word from `from` to `to` is a list's number: one or two digits before `.` or `)`. */
function listNumber(text: string, from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) < 48 || text.charCodeAt(k) > 57) return false;
  const after = text.charCodeAt(to);
  return after === 46 || after === 41;
}

// a phrase named as one just before it, whose checksum may be off by a typo or made up as an example
const NAMED = /(?:seed|mnemonic|recovery|secret|backup|wallet)\b.{0,40}$/i;

/** Whether the line before `at` (not past a batch's separator) names a phrase just before it. */
function named(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 64), at);
  return NAMED.test(before.slice(Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\u0000")) + 1));
}

/** Appends a match for each checksum-valid phrase in `words` (start/end pairs, all list words). */
function checkRun(text: string, words: number[], out: Match[], budget: { checks: number }): void {
  const count = words.length >> 1;
  if (LENGTHS.includes(count) && named(text, words[0]!)) {
    push(words[0]!, words[2 * count - 1]!, out);
    return;
  }
  let s = 0;
  while (count - s >= PHRASE_WORDS) {
    let found = 0;
    for (const n of LENGTHS) {
      if (count - s < n) continue;
      if (budget.checks-- <= 0) {
        push(words[2 * s]!, words[2 * count - 1]!, out);
        return;
      }
      const phrase: string[] = [];
      for (let w = s; w < s + n; w++) phrase.push(text.slice(words[2 * w]!, words[2 * w + 1]!));
      if (validateMnemonic(phrase.join(" "), wordlist)) {
        found = n;
        break;
      }
    }
    if (found === 0) s++;
    else {
      push(words[2 * s]!, words[2 * (s + found) - 1]!, out);
      s += found;
    }
  }
}

function push(start: number, end: number, out: Match[]): void {
  out.push({ start, end, type: "seed_phrase", detector: "seed_phrase", category: "secret" });
}

export const seedPhraseDetector: Detector = {
  name: "seed_phrase",
  category: "secret",
  // twelve words of three letters or more
  applies: (p) => p.letters >= 36,
  scan(text, out) {
    const budget = { checks: MAX_CHECKS };
    const hits = shortWordRunHits(text);
    if (hits === null) {
      scanStretch(text, 0, -1, out, budget);
      return;
    }
    let done = 0;
    for (const hit of hits) {
      if (hit < done) continue;
      // the run's first word is at most twelve words back: letters, blanks and a list's numbers
      let from = Math.max(done, hit - PHRASE_WORDS * MAX_WORD_SPAN);
      while (from > done && from < hit && isWordChar(text.charCodeAt(from - 1))) from++;
      done = scanStretch(text, from, hit, out, budget);
    }
  },
};

// the most a word of the list and what follows it take up: eight letters, `, ` or ` 10. `
const MAX_WORD_SPAN = 14;

/**
 * Reads the words from `from`, checking each run of twelve or more candidates; stops at the first
 * run's end past `until` (a run around a profile hit; -1: read to the end), and says where it stopped.
 */
function scanStretch(text: string, from: number, until: number, out: Match[], budget: { checks: number }): number {
  const to = text.length;
  // start/end pairs of the current run of candidate words (3 to 8 lower-case letters)
  let n = 0;
  const flush = () => {
    if (n >= 2 * PHRASE_WORDS) checkCandidates(text, run.slice(0, n), out, budget);
    n = 0;
  };
  let i = from;
  while (i < to) {
    let c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      if (n !== 0 && !isBlank(c) && c !== 44) flush();
      if (n === 0 && until >= 0 && i > until) return i;
      i++;
      continue;
    }
    const start = i;
    let lower = true;
    do {
      if (c < 97 || c > 122) lower = false;
      c = text.charCodeAt(++i);
    } while (i < to && isWordChar(c));
    const len = i - start;
    if (lower && len >= 3 && len <= 8) {
      run[n++] = start;
      run[n++] = i;
    } else if (n !== 0) {
      if (listNumber(text, start, i))
        i++; // and its `.` or `)`
      else flush();
    }
    if (n === 0 && until >= 0 && i > until) return i;
  }
  if (n !== 0) flush();
  return to;
}

/** Checks the list words among a run of candidate words, in runs of their own. */
function checkCandidates(text: string, candidates: number[], out: Match[], budget: { checks: number }): void {
  let words: number[] = [];
  for (let k = 0; k < candidates.length; k += 2) {
    if (WORDS.has(text.slice(candidates[k]!, candidates[k + 1]!))) words.push(candidates[k]!, candidates[k + 1]!);
    else {
      if (words.length >= 2 * PHRASE_WORDS) checkRun(text, words, out, budget);
      words = [];
    }
  }
  if (words.length >= 2 * PHRASE_WORDS) checkRun(text, words, out, budget);
}

/** Whether an array's items are the words of a phrase whose checksum holds (`["legal", "winner", …]`). */
export function isSeedPhraseList(items: unknown[]): boolean {
  if (!LENGTHS.includes(items.length)) return false;
  for (const w of items) if (typeof w !== "string" || !WORDS.has(w)) return false;
  return validateMnemonic(items.join(" "), wordlist);
}
