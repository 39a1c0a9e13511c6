// Where a text holds twelve or more words in a row that start like words of BIP-39's English list,
// which is where a recovery phrase can be. The text profile pass finds them as it reads the letters
// (see text-profile.ts), so the seed phrase detector reads only those stretches, not every text. The
// pass already holds each word's last three letters, so it looks them up in a bit set of the list's
// 720 endings: loose (`the` breaks a run, `with` does not), but free; the detector then reads each
// stretch strictly.
import { wordlist } from "@scure/bip39/wordlists/english.js";

/** The fewest words a phrase has. */
export const PHRASE_WORDS = 12;

/** One bit per three letters (five bits each, case folded, as the profile pass folds them). */
const ENDINGS = new Uint32Array(1 << 10);
for (const w of wordlist) {
  const code =
    ((w.charCodeAt(w.length - 3) & 31) << 10) |
    ((w.charCodeAt(w.length - 2) & 31) << 5) |
    (w.charCodeAt(w.length - 1) & 31);
  ENDINGS[code >>> 5]! |= 1 << (code & 31);
}

/** Whether a word whose last three letters fold to `folded` (see text-profile.ts) ends like a word of the list. */
export function endsLikePhraseWord(folded: number): boolean {
  return ((ENDINGS[folded >>> 5]! >>> (folded & 31)) & 1) !== 0;
}

let runsText: string | null = null;
let runs: number[] | null = null;

/** Records the runs the profile pass found in `text` (start/end pairs), or null when it gave up counting. */
export function rememberShortWordRuns(text: string, found: number[] | null): void {
  runsText = text;
  runs = found;
}

/** The stretches of `text` (start/end pairs) a phrase can be in: the whole text when it was not profiled. */
export function shortWordRuns(text: string): number[] {
  if (text === runsText && runs !== null) return runs;
  return [0, text.length];
}
