// Where the words detectors look for may start: provider literals (exact case, see LiteralIndex),
// the keyword detector's roots and a few header words (any case). The text profile pass finds them
// while it reads the text; inside a run of letters it reads one table per letter, keyed by the
// last three letters folded to 1..26 (`c & 31`), five bits each.
import { KEYWORD_ROOTS } from "./keyword-roots";

/**
 * Searched in any case by the header, SQL and command-line detectors; `wordHits` lists where their
 * first three letters occur.
 */
export const HEADER_WORDS = [
  "authori",
  "bearer",
  "basic",
  "kind:",
  "insert",
  "identified",
  "htpasswd",
  "chpasswd",
  "net",
  "sudo",
  "stdin",
  "kinit",
  "pgpass",
  "sqlplus",
  "sqlldr",
  // expdp and impdp, found by their last three letters: their first three start common words (expires, import)
  "pdp",
  "xfreerdp",
  "ssm",
  "rabbitmqctl",
  "schtasks",
  "vault",
  // SQL Server's sp_addlogin and sp_password
  "addlogin",
  "password",
  // mail sessions: IMAP's LOGIN, SASL's AUTH and AUTHENTICATE, SMTP's "Password:" prompt in base64;
  // and sentences with a login word (`log in as bob / …`)
  "login",
  "log in",
  "logon",
  "sign in",
  "signin",
  "auth",
  "ugfzc3dvcmq6",
  "cgfzc3dvcmq6",
  // OAuth's codes; named-codes.ts: codes and security answers named in a sentence
  "code",
  "answer",
  // Redis's ACL SETUSER
  "setuser",
  // command-arguments.ts: unixODBC's isql, Db2's CONNECT … USING, openssl passwd, Wi-Fi keys, MinIO's mc
  // alias, Bitwarden's unlock, Poetry's config
  "isql",
  "using",
  "passwd",
  "wpa_passphrase",
  "iwconfig",
  "alias",
  "unlock",
  "poetry",
  // ci-commands.ts: GitHub Actions' ::add-mask::, Azure Pipelines' ##vso[task.setvariable]
  "add-mask::",
  "vso[task.setvariable",
  // expect-scripts.ts: Expect's and pexpect's answers to a password prompt
  "send",
  // device-configs.ts: a network device's SNMP community
  "snmp-server",
  // hmac-keys.ts: a literal key given to an HMAC
  "hmac",
  // keyword.ts: PHP's logons by position
  "mysqli",
  "pdo",
];
const HEADER_WORD_SET = new Set(HEADER_WORDS);

/** A keyword root starts at the first of the three letters. */
export const ROOT = 1;
/** "pw", the one root of two letters, starts at the second. */
export const ROOT_PW = 2;
/** A provider literal may start at the first letter (the literal index checks its case and the rest). */
export const LITERAL = 4;
/** A header word starts at the first letter. */
export const WORD = 8;

/** Entries for the last three letters of a letter run, `(a << 10) | (b << 5) | c` folded. */
export const TRIPLES = new Uint8Array(1 << 15);
/** A literal's first two characters, when one is not a letter: `(c0 << 7) | c1`, ASCII. */
export const EDGE_PAIRS = new Uint8Array(128 * 128);
/** A literal whose first two characters are letters and its third is not one (or is missing): `(a << 5) | b` folded. */
export const LAST_TWO_LETTERS = new Uint8Array(1 << 10);

const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const fold3 = (a: number, b: number, c: number) => ((a & 31) << 10) | ((b & 31) << 5) | (c & 31);

for (const root of KEYWORD_ROOTS) {
  if (root.length >= 3) TRIPLES[fold3(root.charCodeAt(0), root.charCodeAt(1), root.charCodeAt(2))]! |= ROOT;
}
// the first group is any letter, or 0 when the run starts with "pw"
for (let first = 0; first <= 26; first++) TRIPLES[(first << 10) | fold3(0, 112, 119)]! |= ROOT_PW;
if (KEYWORD_ROOTS.some((r) => r.length < 2 || (r.length === 2 && r !== "pw") || !/^[a-z]+$/.test(r)))
  throw new Error("keyword roots must be lower-case letters, and pw the only one of two");
for (const w of HEADER_WORDS) TRIPLES[fold3(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2))]! |= WORD;

let version = 0;

/** Makes the profile pass record where `literals` (two ASCII characters or more) may start. */
export function registerLiterals(literals: Iterable<string>): void {
  let added = false;
  const set = (table: Uint8Array, key: number, bit: number) => {
    if ((table[key]! & bit) === 0) {
      table[key]! |= bit;
      added = true;
    }
  };
  for (const l of literals) {
    const c0 = l.charCodeAt(0);
    const c1 = l.charCodeAt(1);
    if (!isLetter(c0) || !isLetter(c1)) set(EDGE_PAIRS, (c0 << 7) | c1, 1);
    else if (l.length > 2 && isLetter(l.charCodeAt(2))) set(TRIPLES, fold3(c0, c1, l.charCodeAt(2)), LITERAL);
    else {
      set(LAST_TWO_LETTERS, ((c0 & 31) << 5) | (c1 & 31), 1);
      // two letters and nothing more: any third letter continues the run
      if (l.length === 2) for (let c = 1; c <= 26; c++) set(TRIPLES, fold3(c0, c1, c), LITERAL);
    }
  }
  if (added) version++;
}

let startsText = "";
let startsVersion = -1;
let literalStarts: number[] | null = [];
let rootStarts: number[] | null = [];
let wordStarts: number[] | null = [];

/** Seeds the memo from the profile pass; a list is null when it was not kept (too long; roots: or not ASCII). */
export function rememberStarts(
  text: string,
  literals: number[] | null,
  roots: number[] | null,
  words: number[] | null,
): void {
  startsText = text;
  startsVersion = version;
  literalStarts = literals;
  rootStarts = roots;
  wordStarts = words;
}

/** Positions (ascending) where a registered literal may start in `text`, when the profile pass recorded them. */
export function literalPairHits(text: string): number[] | null {
  return startsVersion === version && text === startsText ? literalStarts : null;
}

/**
 * Positions (ascending) where a keyword root starts in `text`, case-insensitively, when the profile
 * pass recorded them; null otherwise (then the detector searches itself). Recorded for ASCII texts only.
 */
export function keywordRootHits(text: string): number[] | null {
  return text === startsText ? rootStarts : null;
}

/**
 * Where `word` (lower case, starting with a keyword root: `secret`, `keystore`) starts in `text`:
 * the profile pass's root hits that spell it, in any case, when it read the text; else searched as written.
 */
export function rootWordStarts(text: string, word: string): number[] {
  const roots = keywordRootHits(text);
  if (roots !== null) return roots.filter((p) => startsWithFolded(text, p, word));
  const starts: number[] = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) starts.push(at);
  return starts;
}

/**
 * Positions (ascending) where the first three letters of a header word occur in any ASCII case. Kept
 * for texts that are not ASCII too: the words are ASCII, and the searches they replace looked for
 * three spellings only.
 */
export function wordHits(text: string): number[] | null {
  return text === startsText ? wordStarts : null;
}

/**
 * Where `word` (lower case, one of HEADER_WORDS) starts in `text`, ascending: from the profile pass's
 * word hits when it read the text (any case), else searched in its lower, upper and capitalised forms.
 */
export function foldedWordStarts(text: string, word: string): number[] {
  // a word the profile pass does not record would be found only in texts it did not read
  if (!HEADER_WORD_SET.has(word)) throw new Error(`"${word}" is not one of HEADER_WORDS`);
  const words = wordHits(text);
  if (words !== null) return words.length === 0 ? NONE : (startsByWord(text, words).get(word) ?? NONE);
  const starts: number[] = [];
  for (const w of [word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)]) {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) starts.push(at);
  }
  return starts.sort((a, b) => a - b);
}

const NONE: number[] = [];
const NO_WORDS: string[] = [];
// the header words by their first three letters, folded as the profile pass folds them
const WORDS_BY_TRIPLE = new Map<number, string[]>();
for (const w of HEADER_WORDS) {
  const key = fold3(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2));
  WORDS_BY_TRIPLE.set(key, [...(WORDS_BY_TRIPLE.get(key) ?? []), w]);
}
let byWordHits: number[] | null = null;
let byWord = new Map<string, number[]>();

/** The word hits of one profile pass sorted by the header word that starts there: one pass for all the words. */
function startsByWord(text: string, words: number[]): Map<string, number[]> {
  if (words === byWordHits) return byWord;
  byWordHits = words;
  byWord = new Map();
  for (const p of words) {
    const candidates = WORDS_BY_TRIPLE.get(fold3(text.charCodeAt(p), text.charCodeAt(p + 1), text.charCodeAt(p + 2)));
    for (const w of candidates ?? NO_WORDS) {
      if (!startsWithFolded(text, p, w)) continue;
      const list = byWord.get(w);
      if (list) list.push(p);
      else byWord.set(w, [p]);
    }
  }
  return byWord;
}

/** Whether `word` (lower case) occurs at `at` in `text`, in any case; for ASCII text. */
export function startsWithFolded(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) {
    const w = word.charCodeAt(i);
    const c = text.charCodeAt(at + i);
    if (c !== w && !(isLetter(w) && (c | 32) === w)) return false;
  }
  return true;
}
