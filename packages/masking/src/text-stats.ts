import { memoise, rememberLast } from "./memoise";

// Heuristics that separate generated secrets from the things that look like them in real payloads:
// placeholders, templates, identifiers, hashes and keyboard sequences.

const ASCII_COUNTS = new Int32Array(128);
// The filters ask twice about the same token in a row (`looksRandom`, then the entropy threshold).
export const shannonEntropy: (s: string) => number = rememberLast(entropyOf);

function entropyOf(s: string): number {
  if (s.length === 0) return 0;
  // the common case, without a Map: count into a reused table (stopping at the first non-ASCII
  // character), then sum and clear only what was touched
  const counts = ASCII_COUNTS;
  let ascii = 0;
  while (ascii < s.length) {
    const k = s.charCodeAt(ascii);
    if (k >= 128) break;
    counts[k]!++;
    ascii++;
  }
  if (ascii < s.length) {
    for (let i = 0; i < ascii; i++) counts[s.charCodeAt(i)] = 0;
    return entropyByMap(s);
  }
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    const c = counts[k]!;
    if (c === 0) continue;
    const p = c / s.length;
    h -= p * Math.log2(p);
    counts[k] = 0;
  }
  return h;
}

function entropyByMap(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export interface CharClasses {
  lower: number;
  upper: number;
  digit: number;
  other: number;
}

export function charClasses(s: string): CharClasses {
  const out = { lower: 0, upper: 0, digit: 0, other: 0 };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) out.lower++;
    else if (c >= 65 && c <= 90) out.upper++;
    else if (c >= 48 && c <= 57) out.digit++;
    else out.other++;
  }
  return out;
}

export function longestRun(s: string): number {
  let best = s.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s.charCodeAt(i) === s.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

// hasFiller and looksRandom ask about the same token in a row
/** Longest run of consecutive ascending or descending characters (abcdef, 123456, zyxw). */
export const longestSequence: (s: string) => number = rememberLast(sequenceLength);

function sequenceLength(s: string): number {
  let best = s.length > 0 ? 1 : 0;
  let up = 1;
  let down = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (up > best) best = up;
    if (down > best) best = down;
  }
  return best;
}

/**
 * Hand-typed filler inside what should be a generated value: one character 8 times in a row, a
 * short unit repeated (`123123123123…`, `ab12ab12ab12ab12…`) or an alphabet/digit sequence of 8
 * (`abcdefgh`, `12345678`). A random body over 16 or more symbols contains none of these except
 * with negligible probability (below 1e-8 per position), so they mark examples and test fixtures.
 */
export function hasFiller(s: string): boolean {
  if (s.length < 8) return false;
  if (longestRun(s) >= 8 || longestSequence(s) >= 8) return true;
  // a unit of u characters (2..16) repeating over at least max(16, 3u) characters
  for (let u = 2; u <= 16 && u * 3 <= s.length; u++) {
    if (repeatsUnit(s, u, Math.max(16, 3 * u) - u)) return true;
  }
  return false;
}

/**
 * Whether `need` positions in a row each repeat the character `u` before them. Each window is read
 * from its end, and a mismatch moves the next window past it: random text is rejected after about
 * one read per `need` characters instead of one per character.
 */
function repeatsUnit(s: string, u: number, need: number): boolean {
  let end = u + need - 1;
  while (end < s.length) {
    let i = end;
    while (s.charCodeAt(i) === s.charCodeAt(i - u)) if (--i === end - need) return true;
    end = i + need;
  }
  return false;
}

/**
 * Reads like words rather than random: at least two runs of five or more lower-case letters that
 * together cover 45% of the token (`qqz_gardenPlant51_window`).
 * Under 1 in 2000 random mixed-case tokens of 24 characters look like this, fewer when longer.
 */
export function looksWordy(s: string): boolean {
  let wordy = 0;
  let words = 0;
  let run = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0;
    if (c >= 97 && c <= 122) run++;
    else {
      if (run >= 5) {
        wordy += run;
        words++;
      }
      run = 0;
    }
  }
  return words >= 2 && wordy >= s.length * 0.45;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HEX = /^[0-9a-fA-F]+$/;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

export function isHex(s: string): boolean {
  return HEX.test(s);
}

const MASK_CHARS = /[xX*#•]{4}|\.{3}|_{4}|X{3}/;
const TEMPLATE =
  /^(?:\$\{|\$\(|\$[A-Za-z_]|\{\{|\{%|<%|#\{|@\{|%\(|%[sdv]$|%[A-Za-z_]\w*%$|\[[A-Z_ ]+\]$|<[^>]*>$|\{[A-Za-z_][\w.]*\}$)/;
const PLACEHOLDER_WORDS =
  /^(?:null|none|nil|undefined|true|false|yes|no|on|off|empty|string|str|value|secret|password|passwd|token|changeme|change_me|redacted|hidden|masked|required|optional|todo|tbd|n\/a|test|example|sample|dummy|placeholder)$/i;
const PLACEHOLDER_PHRASE =
  /(?:^|[\s_-])(?:your|insert|enter|put|replace)[\s_-]|(?:^|[\s_-])here$|(?:^|[^A-Za-z0-9])(?:placeholder|changeme|dummy|fake|redacted)(?:$|[^A-Za-z0-9])|xxxx|(?:^|[\s_-])example(?:$|[\s_-])/i;
// Inside a run of letters the words still mark a stand-in (`somefakekey`, `afakekey`); with digits or
// symbols around them they are part of a real password (`MyFakeBank2024!`, `dummy123`).
const PLACEHOLDER_INSIDE = /placeholder|changeme|dummy|fake|redacted/i;
const LETTERS_ONLY = /^[A-Za-z\s_.-]+$/;
// `{prefix}{suffix}`, `%(user)s:%(password)s`, `{{ a }}-{{ b }}`: interpolations and punctuation only
const INTERPOLATION = /\$?\{\{?[ \t]{0,4}[A-Za-z_][\w.]{0,63}[ \t]{0,4}\}\}?|%\([A-Za-z_][\w.]{0,63}\)[sdr]/g;
const ALNUM = /[A-Za-z0-9]/;
// Vendors mark the credentials in their documentation with a final EXAMPLE (`AKIAIOSFODNN7EXAMPLE`);
// seven given capitals at the end of a random body have a chance of 1 in 36^7.
const DOCUMENTED = /EXAMPLE$/;

function onlyInterpolations(v: string): boolean {
  if (!v.includes("{") && !v.includes("%(")) return false;
  const rest = v.replace(INTERPOLATION, "");
  return rest.length < v.length && !ALNUM.test(rest);
}

// Payloads repeat the same values (the same header, the same token in every log line); the check is
// pure and runs several regexes, so short values are memoised.
const memoisedPlaceholder = memoise(placeholder, 4096);

/** A value that stands for a secret rather than being one: `xxxx`, `${VAR}`, `<token>`, `your_key_here`. */
export function isPlaceholder(value: string): boolean {
  return value.length > 256 ? placeholder(value) : memoisedPlaceholder(value);
}

function placeholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (MASK_CHARS.test(v) || TEMPLATE.test(v) || PLACEHOLDER_WORDS.test(v) || PLACEHOLDER_PHRASE.test(v)) return true;
  if (LETTERS_ONLY.test(v) && PLACEHOLDER_INSIDE.test(v)) return true;
  if (onlyInterpolations(v) || DOCUMENTED.test(v)) return true;
  if (fewDistinct(v)) return true;
  return longestRun(v) >= Math.max(6, Math.ceil(v.length * 0.4));
}

// The whole value is one template expression or variable reference: `${DB_PASSWORD}`, `{{ vault_pw }}`,
// `${{ secrets.TOKEN }}`, `$API_TOKEN`, `%(password)s`, `<your-api-key>`. A default (`${X:-pw}`) is a value.
const REFERENCE_ONLY =
  /^(?:\$\{[A-Za-z_][\w.]{0,127}\}|\$?\{\{[^{}\n]{1,200}\}\}|\$[A-Z_][A-Z0-9_]{0,127}|<[A-Za-z][\w .-]{0,63}>|%\([\w.]{1,64}\)s)$/;

/** A value that names where a secret comes from and holds none of it. */
export function isReferenceOnly(value: string): boolean {
  return REFERENCE_ONLY.test(value.trim());
}

/** [0-9] */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** What `\w` matches: [A-Za-z0-9_]. */
export function isWordCode(c: number): boolean {
  return isDigitCode(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** What `\s` matches. */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Two or fewer distinct characters, ignoring `-`, `_`, `.` and whitespace. */
function fewDistinct(v: string): boolean {
  let a = -1;
  let b = -1;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 45 || c === 95 || c === 46 || isSpaceCode(c)) continue;
    if (c === a || c === b) continue;
    if (a < 0) a = c;
    else if (b < 0) b = c;
    else return false;
  }
  return true;
}

/**
 * Only the shape-level placeholder checks, for provider tokens whose bodies may contain words:
 * runs of the characters people type when they mean "a key goes here".
 */
export function isMaskedBody(body: string): boolean {
  if (/[xX*#•]{4}|\.{3}|0{8}/.test(body) || DOCUMENTED.test(body)) return true;
  // counted in place (the characters a person types for "a key goes here")
  let filler = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 120 || c === 88 || c === 42 || c === 35 || c === 0x2022 || c === 48) filler++;
  }
  return filler >= Math.max(6, body.length * 0.6);
}

// Words, capitalised words, capitals and numbers, each joined to the next by at most one of
// `-_./ `. That is the same as runs of letters and digits joined by single separators, which is how
// it is written: spelled as alternatives of words that may abut, the pattern backtracks
// exponentially on a long mixed-case value with a bad last character (`Qqwzrt…dslc!`).
const IDENTIFIER = /^[A-Za-z0-9]+(?:[-_./ ][A-Za-z0-9]+)*$/;

/** How many characters of `s` are capitalised words (`[A-Z][a-z]{2,}`), counted without building them. */
function capitalisedWordLength(s: string): number {
  let total = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < s.length && isLowerCode(s.charCodeAt(j))) j++;
    if (j - i >= 3) total += j - i;
    i = j;
  }
  return total;
}

function isLowerCode(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * Does this look machine-generated (a key, a token) rather than written by a person (a word, an identifier,
 * a file name, a version)? Used where only context says "secret" weakly.
 */
export function looksRandom(value: string, minLength = 10): boolean {
  if (value.length < minLength || isPlaceholder(value)) return false;
  if (longestSequence(value) >= 10) return false;
  // paths: users/2024/report.csv
  if (value.includes("/") && value.split("/").every((s) => /^[a-z0-9._-]{0,24}$/.test(s))) return false;
  const c = charClasses(value);
  const letters = c.lower + c.upper;
  if (letters === 0) return false;
  const classes = (c.lower > 0 ? 1 : 0) + (c.upper > 0 ? 1 : 0) + (c.digit > 0 ? 1 : 0);
  if (classes < 2) return false;
  // identifiers and prose: words separated by _ - . / or camelCase humps, few digits
  if (c.digit === 0 && IDENTIFIER.test(value)) {
    const humps = value.match(/[A-Z]?[a-z]{3,}/g)?.length ?? 0;
    if (humps >= 2 || c.upper === 0 || c.lower === 0) return false;
  }
  // mostly capitalised words: SlackAppConfigurationAccessTokenHere, SN_id_Gost28147_89_None_KeyMeshing
  const humps = capitalisedWordLength(value);
  if (humps >= value.length * 0.5) return false;
  // words and small numbers joined by separators: `user-profile-v2`, `user:1234:profile`
  if (/^[a-z]+(?:[-_.:][a-z0-9]+)+$/i.test(value) && c.digit <= 4) {
    const parts = value.split(/[-_.:]/);
    if (parts.every((p) => p.length <= 12 && !/\d.*[a-z].*\d|[a-z].*\d.*[a-z]/i.test(p))) return false;
  }
  return shannonEntropy(value) >= (value.length >= 20 ? 3.2 : 2.8);
}

/**
 * A sentence names credentials in passing (`the password is incorrect`, `the token is JWT-based`):
 * only a value of 8 or more mixing letters and digits, or a random-looking one, is taken for one.
 */
export function proseCredential(value: string): boolean {
  if (value.length < 8 || /^[A-Z]?[a-z]+$/.test(value)) return false; // a word of the sentence
  return (/[A-Za-z]/.test(value) && /\d/.test(value)) || looksRandom(value, 8);
}

/** `value` without the characters of `chars` at its end (a sentence's `.`, `)`, a keypad's `#`). */
export function withoutTrailing(value: string, chars: string): string {
  let e = value.length;
  while (e > 0 && chars.includes(value[e - 1]!)) e--;
  return value.slice(0, e);
}
