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

/** [start, end) of every maximal run of base64/base64url characters at least `min` long. */
export function base64Runs(text: string, min: number): number[] {
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
