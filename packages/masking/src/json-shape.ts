// A quick look at text that is about to be given to JSON.parse. A parse error costs microseconds
// (the thrown error captures a stack), and text in brackets or quotes is common in payloads that is
// not JSON at all: `[2024-05-01] started [web]`, `{user} logged in`, `[{'a': 1}]`, `"C:\Users"`.
// This is not a validator: text it lets through may still fail to parse, but never the other way.

/** JSON's whitespace: the only characters JSON.parse skips between tokens. */
export function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpaces(s: string, from: number, last: number): number {
  let i = from;
  while (i < last && isJsonSpace(s.charCodeAt(i))) i++;
  return i;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPED = new Set([...'"\\/bfnrtu'].map((c) => c.charCodeAt(0)));

/** The index just past the JSON string opening at `from`, or -1 when none ends by `last`. */
function stringEnd(s: string, from: number, last: number): number {
  for (let i = from + 1; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92 && !ESCAPED.has(s.charCodeAt(++i))) return -1;
  }
  return -1;
}

/** The index just past the string, number or literal at `from`, or -1 when there is none. */
function scalarEnd(s: string, from: number, last: number): number {
  const c = s.charCodeAt(from);
  if (c === 34) return stringEnd(s, from, last);
  if (c === 45 || (c >= 48 && c <= 57)) {
    NUMBER.lastIndex = from;
    return NUMBER.test(s) ? NUMBER.lastIndex : -1;
  }
  for (const word of ["true", "false", "null"]) if (s.startsWith(word, from)) return from + word.length;
  return -1;
}

/**
 * Whether the text from `first` to `last` (its first and last characters that are not JSON
 * whitespace) can be JSON, judged by its start: the opening brackets, and the first member and what
 * follows it. A quoted text must be one whole JSON string.
 */
export function mayBeJson(s: string, first: number, last: number): boolean {
  if (s.charCodeAt(first) === 34) return stringEnd(s, first, last) === last + 1;
  let i = first;
  // only the outermost closing bracket must be the text's last character
  let outermost = true;
  for (;;) {
    const open = s.charCodeAt(i);
    const close = open === 123 ? 125 : 93;
    i = skipSpaces(s, i + 1, last);
    const c = s.charCodeAt(i);
    if (c === close) return !outermost || i === last;
    if (open === 91 && (c === 123 || c === 91)) {
      outermost = false;
      continue;
    }
    // an object's first member starts with its key
    if (open === 123 && c !== 34) return false;
    const end = scalarEnd(s, i, last);
    if (end < 0) return false;
    const after = skipSpaces(s, end, last);
    const next = s.charCodeAt(after);
    if (open === 123) return next === 58;
    return next === 44 || (next === close && (!outermost || after === last));
  }
}
