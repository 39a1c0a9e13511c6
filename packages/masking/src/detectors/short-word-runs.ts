// Where a text holds twelve or more words in a row that end like words of BIP-39's English list,
// which is where a recovery phrase can be. The text profile pass finds them as it reads the letters
// (see text-profile.ts), so the seed phrase detector reads only those stretches, not every text. The
// pass already holds each word's last three letters, so it looks them up in a bit set of the list's
// 720 endings: loose (`the` breaks a run, `with` does not), but cheap. It records where a run reaches
// its twelfth word, its twenty-fourth and so on; the detector reads the run around each strictly.
import { wordlist } from "@scure/bip39/wordlists/english.js";

/** The fewest words a phrase has. */
export const PHRASE_WORDS = 12;

/**
 * One bit per three letters (five bits each, case folded, as the profile pass folds them): set for
 * the last three letters of each word of the list. The profile pass reads it inline.
 */
export const PHRASE_ENDINGS = new Uint32Array(1 << 10);
for (const w of wordlist) {
  const code =
    ((w.charCodeAt(w.length - 3) & 31) << 10) |
    ((w.charCodeAt(w.length - 2) & 31) << 5) |
    (w.charCodeAt(w.length - 1) & 31);
  PHRASE_ENDINGS[code >>> 5]! |= 1 << (code & 31);
}

let hitsText: string | null = null;
let hits: number[] | null = null;

/**
 * Records where the profile pass read every twelfth word of a run in `text` (the word's end), or null
 * when it gave up counting.
 */
export function rememberShortWordRuns(text: string, found: number[] | null): void {
  hitsText = text;
  hits = found;
}

/** Where twelve phrase-like words in a row end in `text`, or null when it was not profiled (read it all). */
export function shortWordRunHits(text: string): number[] | null {
  return text === hitsText ? hits : null;
}
