// Linear scans for maximal runs of a character class. A regex like /[A-Za-z0-9]{24,}/ restarts at
// every position inside a short run before failing; walking the runs once is far cheaper on text
// that is mostly short words. The class tests are inlined: a callback per character costs more
// than the scan.

function isB64(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 43 ||
    c === 47 ||
    c === 95 ||
    c === 45
  );
}

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

let b64Text = "";
let b64Runs: number[] = [];
/** Runs of at least this length are memoised (and recorded by the text profile pass). */
export const B64_MIN = 16;
const B64_MEMO_MIN = B64_MIN;

/** Seeds the base64-run memo from a pass that has already found the runs (the text profile). */
export function rememberBase64Runs(text: string, runs: number[]): void {
  b64Text = text;
  b64Runs = runs;
}

/**
 * [start, end) of every maximal run of base64/base64url characters at least `min` long. Runs of 16
 * or more are memoised for the last text: the entropy detector and the base64 decoder of the
 * batch scan both read them.
 */
export function base64Runs(text: string, min: number): number[] {
  if (min < B64_MEMO_MIN) return scanBase64Runs(text, min);
  if (text !== b64Text) {
    b64Runs = scanBase64Runs(text, B64_MEMO_MIN);
    b64Text = text;
  }
  if (min === B64_MEMO_MIN) return b64Runs;
  const out: number[] = [];
  for (let r = 0; r < b64Runs.length; r += 2)
    if (b64Runs[r + 1]! - b64Runs[r]! >= min) out.push(b64Runs[r]!, b64Runs[r + 1]!);
  return out;
}

function scanBase64Runs(text: string, min: number): number[] {
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isB64(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= min) out.push(start, i);
      start = -1;
    }
  }
  if (start >= 0 && text.length - start >= min) out.push(start, text.length);
  return out;
}

/** [start, end) of every maximal alphanumeric run of exactly `len` characters. */
export function alnumRunsOfLength(text: string, len: number): number[] {
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isAlnumCode(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start === len) out.push(start, i);
      start = -1;
    }
  }
  return out;
}

let lastText = "";
let lastLower: string | null = "";

/**
 * Lower-cased copy with the same indices (null when lower-casing changes the length, as for "İ"),
 * memoised because several detectors search the same text case-insensitively.
 */
export function lowerSameLength(text: string): string | null {
  if (text !== lastText) {
    const lower = text.toLowerCase();
    lastText = text;
    lastLower = lower.length === text.length ? lower : null;
  }
  return lastLower;
}

let runsText = "";
let runsCache: Int32Array = new Int32Array(0);

/**
 * Writes one [start, length] pair at `n` of a run list, growing it when full; returns the list to
 * keep using (the same one, or its bigger copy). The caller advances `n` by 2.
 */
function appendRun(runs: Int32Array<ArrayBuffer>, n: number, start: number, length: number): Int32Array<ArrayBuffer> {
  let list = runs;
  if (n + 2 > list.length) {
    list = new Int32Array(list.length * 2);
    list.set(runs);
  }
  list[n] = start;
  list[n + 1] = length;
  return list;
}

/**
 * Seeds the digit-run memo from a pass that has already found the runs (and their lengths, see
 * `digitRunLengths`, and how many digits they hold, see `digitCount`).
 */
export function rememberDigitRuns(text: string, runs: Int32Array, lengths: number, digits: number): void {
  runsText = text;
  runsCache = runs;
  lengthsCache = lengths;
  digitsCache = digits;
  lengthsKnown = true;
}

let lengthsKnown = false;
let lengthsCache = 0;
let digitsCache = 0;

/** How many ASCII digits `text` holds. */
export function digitCount(text: string): number {
  digitRunLengths(text);
  return digitsCache;
}

/**
 * The lengths of the digit runs of `text` as a bit set: bit n for a run of n digits (bit 31 for 31
 * or more). A detector whose pattern needs other lengths has nothing to try.
 */
export function digitRunLengths(text: string): number {
  const runs = digitRuns(text);
  if (!lengthsKnown) {
    let bits = 0;
    let digits = 0;
    for (let r = 1; r < runs.length; r += 2) {
      bits |= 1 << Math.min(runs[r]!, 31);
      digits += runs[r]!;
    }
    lengthsCache = bits;
    digitsCache = digits;
    lengthsKnown = true;
  }
  return lengthsCache;
}

/**
 * [start, length] of every maximal run of ASCII digits, memoised for the last text: the numeric
 * detectors (national ids, cards) all anchor their matches at the start of a digit run, so they
 * share one pass and then try their pattern only where a run of the right length starts.
 */
export function digitRuns(text: string): Int32Array {
  if (text === runsText) return runsCache;
  let n = 0;
  let buf = new Int32Array(64);
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (c >= 48 && c <= 57) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      buf = appendRun(buf, n, start, i - start);
      n += 2;
      start = -1;
    }
  }
  runsText = text;
  runsCache = buf.subarray(0, n);
  lengthsKnown = false;
  return runsCache;
}
