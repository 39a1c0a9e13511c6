import { rememberDigitRuns } from "../text-runs";

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

/**
 * Character counts of `text` in one pass; the same pass records the digit runs the numeric
 * detectors start from (see `digitRuns`), so they need no pass of their own.
 */
export function profile(text: string): TextProfile {
  const p: TextProfile = {
    length: text.length,
    digits: 0,
    letters: 0,
    longestWord: 0,
    at: 0,
    colons: 0,
    dashes: 0,
    dots: 0,
  };
  let word = 0;
  let runs = new Int32Array(64);
  let n = 0;
  let runStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (runStart >= 0 && !digit) {
      if (n + 2 > runs.length) {
        const bigger = new Int32Array(runs.length * 2);
        bigger.set(runs);
        runs = bigger;
      }
      runs[n++] = runStart;
      runs[n++] = i - runStart;
      runStart = -1;
    }
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      if (word > p.longestWord) p.longestWord = word;
      word = 0;
      continue;
    }
    word++;
    if (digit) {
      p.digits++;
      if (runStart < 0) runStart = i;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) p.letters++;
    else if (c === 64) p.at++;
    else if (c === 58) p.colons++;
    else if (c === 45) p.dashes++;
    else if (c === 46) p.dots++;
  }
  if (word > p.longestWord) p.longestWord = word;
  if (runStart >= 0) {
    if (n + 2 > runs.length) {
      const bigger = new Int32Array(runs.length + 2);
      bigger.set(runs);
      runs = bigger;
    }
    runs[n++] = runStart;
    runs[n++] = text.length - runStart;
  }
  rememberDigitRuns(text, runs.subarray(0, n));
  return p;
}
