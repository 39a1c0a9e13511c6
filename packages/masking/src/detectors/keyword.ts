// `password = "…"`, `api_key: …`, `--token …`, `<add key="Password" value="…"/>`, `"…" == secret`:
// a value assigned to a credential-named variable, in whatever syntax it was written. A small
// hand-written parser rather than one big regex keeps it linear and lets the key name be classified
// with the same rules as JSON keys.
import { classifyKey, type KeyClass } from "../key-names";
import { NAME_FIELDS, VALUE_FIELDS } from "../pair-names";
import { withoutMaskTokens } from "../strategies";
import { lowerSameLength } from "../text-runs";
import {
  charClasses,
  isHex,
  isPlaceholder,
  isSpaceCode,
  isUuid,
  isWordCode,
  longestSequence,
  looksRandom,
  proseCredential,
} from "../text-stats";
import { isBlank, isReference, lineBefore } from "./command-tokens";
import { deviceConfigValue } from "./device-configs";
import { scanHmacKeys } from "./hmac-keys";
import { KEYWORD_ROOTS, NON_ASCII_KEYWORD_ROOTS } from "./keyword-roots";
import { scanLoginSentences } from "./login-sentences";
import { scanNamedCodes } from "./named-codes";
import { scanOAuthCodes } from "./oauth-codes";
import { eachPosition } from "./punctuation";
import { cellBeside, listedValue, tableBelow } from "./table-columns";
import { foldedWordStarts, keywordRootHits } from "./text-starts";
import type { Detector, Match } from "./types";
import { typedIntoSelector } from "./ui-actions";

const HIT_SOURCE = [...KEYWORD_ROOTS, ...NON_ASCII_KEYWORD_ROOTS].join("|");
// searched in a lower-cased copy when one with the same indices exists (faster than the i flag)
const HIT = new RegExp(HIT_SOURCE, "g");
const HIT_I = new RegExp(HIT_SOURCE, "gi");
// tried at the root starts the profile pass recorded (ASCII texts only, so any case is the lower case)
const HIT_AT = new RegExp(HIT_SOURCE, "iy");
// [A-Za-z0-9_.-] as a table: the name around every hit is expanded one character at a time
const IDENT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45)
    IDENT[c] = 1;
}
// a name may hold the letters of Latin and Cyrillic scripts (`contraseña`, `пароль`); not CJK, whose
// words are not separated by spaces
const isIdent = (c: number) =>
  c < 128 ? IDENT[c] === 1 : (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x400 && c <= 0x4ff);
// `：` is the full-width colon of Chinese and Japanese text (`密码：…`)
// `->` and `→` as notes write them (`password -> S3cret`); `$user->password` has the arrow before the
// name, and C's `key->field` no blanks around it
// R's `<-` (with blanks around it, as `->`)
const OPERATORS = [
  ":::=",
  "::=",
  ":=",
  "?=",
  ".=",
  "+=",
  "=>",
  "===",
  "!==",
  "==",
  "!=",
  "=",
  ":",
  "：",
  "->",
  "→",
  "<-",
];
// the operators by their first character, longest first: most names are followed by none of them
const OPERATORS_BY_FIRST = new Map<string, string[]>();
for (const op of OPERATORS) OPERATORS_BY_FIRST.set(op[0]!, [...(OPERATORS_BY_FIRST.get(op[0]!) ?? []), op]);
const NO_OPERATORS: string[] = [];
const COMPARISON = new Set(["===", "!==", "==", "!="]);
const MAX_VALUE = 2048;
const HASH_CONTEXT = /hash|digest|checksum|sha|md5|commit|rev|etag|fingerprint|integrity/i;
const REFERENCE =
  /^(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?|[A-Za-z_$][\w$.]*\(.*\)|true|false|null|nil|none|undefined)$/i;
const AUTH_SCHEME = /^(?:bearer|basic|token|digest|negotiate|ntlm|api-?token|api-?key|sso-key|ssws|oauth|bot|hmac)$/i;
const REFERENCE_CASE_SENSITIVE = /^[A-Z][A-Z0-9_]{2,}$/;
// `secretKey: api-key`, `password: db-password`: lower-case words naming a credential are the name
// of one (a reference into a secret store), not its value.
const NAME_SHAPE = /^[a-z]{2,}(?:[-_.][a-z]{2,}){1,5}$/;
// `group.artifact:name-1.2.3`, `lib@2.0.1`: a package and its version.
const VERSIONED_NAME = /^[A-Za-z][\w.-]{0,100}[-@]v?\d{1,4}\.\d{1,4}(?:\.\d{1,6})?(?:[-+.][\w.]{1,32})?$/;
// `Get-Content`, `ConvertTo-SecureString`: a PowerShell command (an approved verb, a dash, a noun)
const POWERSHELL_CMDLET =
  /^[ \t]*(?:Get|Set|New|Read|Import|Export|ConvertTo|ConvertFrom|Invoke|Select|Resolve|Unprotect|Protect|Join|Out|Format)-[A-Z][A-Za-z]{1,40}(?:[ \t]|$)/;
// SOPS keeps values encrypted in the file: ciphertext, not a secret.
const SOPS_VALUE = /^ENC\[AES256_GCM,data:/;
const HAS_ALNUM = /[\p{L}\p{N}]/u;
// `os.environ["DB_PASSWORD"]`, `config['api_key']`, `os.Getenv("TOKEN")`, `process.env.TOKEN || ""`:
// a path of names with subscripts or calls reads a credential from somewhere, it does not hold one.
// Bounded pieces, one sticky attempt at the start of an unquoted value.
const CODE_EXPRESSION =
  /(?:new[ \t]{1,4})?[A-Za-z_$][\w$]{0,63}(?:[ \t]{0,2}(?:\.|\?\.|::|->)[ \t]{0,2}[A-Za-z_$][\w$]{0,63}|\[[ \t]{0,2}(?:"[^"\n]{0,128}"|'[^'\n]{0,128}'|[\w$.]{1,64})[ \t]{0,2}\]|\([^()\n]{0,256}\)){1,8}/y;
// what may follow such an expression: the end of the statement, a closing bracket or an operator
const AFTER_EXPRESSION = /^[ \t]{0,8}(?:$|[\r\n;,)}\]]|\|\||\?\?|&&|\?|:|\+|or\b|and\b|if\b|\/\/|#)/;
const QUOTED_PART = /"([^"\n]{0,128})"|'([^'\n]{0,128})'/g;

// an identifier's characters in code: [A-Za-z0-9_$]
const isIdentifierCode = (c: number) => isWordCode(c) || c === 36;
// YAML's tag or anchor before a value (`!!str`, `&pw`)
const YAML_PROPERTY = /(?:!!?[\w-]{1,32}|&[\w-]{1,64})[ \t]{1,4}(?=\S)/y;
// a keyword argument giving the default of a setting read by name
const FALLBACK_ARGUMENT = /^,[ \t]{0,8}(?:fallback|default)[ \t]{0,2}=[ \t]{0,2}["'`]/;
// what joins a code expression to the literal it falls back to: `||`, `??`, Python's `or`, Kotlin's `?:`
const FALLBACK_OPERATOR = /[ \t]{0,8}(?:\|\||\?\?|\?:|or\b)[ \t]{0,8}(?=["'`])/y;
// a call's first argument naming a variable to read (`getEnv("DB_PASSWORD", …)`), then its default
const DEFAULT_ARGUMENT = /^[\w$.]{1,128}\([ \t]{0,4}(["'])[A-Z][A-Z0-9_]{1,127}\1[ \t]{0,4},[ \t]{0,4}(["'])/;

/**
 * The literal a code expression falls back to, which is the credential when the variable is unset:
 * `process.env.DB_PASSWORD || "…"`, `os.environ.get("X") or "…"`, `getEnv("DB_PASSWORD", "…")`,
 * `sys.env.getOrElse("X", "…")`. Null when the value at `start` is no such expression.
 */
function fallbackLiteral(text: string, start: number): Value | null {
  // most values are words: an expression goes on past its first identifier with `.`, `[`, `(`, `?.`, `::` or `->`
  let i = start;
  while (i < text.length && i - start < 64 && isIdentifierCode(text.charCodeAt(i))) i++;
  const after = text[i];
  if (after === undefined || !".[(?:-".includes(after)) return null;
  CODE_EXPRESSION.lastIndex = start;
  const m = CODE_EXPRESSION.exec(text);
  if (m === null) return null;
  FALLBACK_OPERATOR.lastIndex = start + m[0].length;
  let quote: number;
  if (FALLBACK_OPERATOR.test(text)) quote = FALLBACK_OPERATOR.lastIndex;
  else {
    const call = DEFAULT_ARGUMENT.exec(m[0]);
    if (call === null) return null;
    quote = start + call[0].length - 1;
  }
  const r = readQuoted(text, quote);
  // a developer's default is often a plain word (`or 'default'`, `|| "postgres"`): held to the prose test
  return r.quoted ? { ...r, prose: true } : null;
}

function codeExpression(text: string, start: number): boolean {
  CODE_EXPRESSION.lastIndex = start;
  const m = CODE_EXPRESSION.exec(text);
  if (!m) return false;
  const expr = m[0];
  // one identifier with a bare subscript (`P4ss[w0rd]`) could be a password with brackets in it;
  // `tokens[0]`, `keys[idx]` (a plain word indexed by a number or a name) are code
  if (!/[.(]|\[\s*["']/.test(expr) && !/^[A-Za-z_]{1,63}\[[ \t]{0,2}(?:\d{1,6}|[a-z_]{1,32})[ \t]{0,2}\]$/.test(expr))
    return false;
  if (!AFTER_EXPRESSION.test(text.slice(start + expr.length, start + expr.length + 12))) return false;
  // `decrypt("AQICAHh…")`, `Kq7vN2pX9rT4.value`: a random-looking argument or name is still a secret
  for (const q of expr.matchAll(QUOTED_PART)) if (looksRandom(q[1] ?? q[2] ?? "", 8)) return false;
  return !expr
    .replace(QUOTED_PART, "")
    .split(/[^\w$]+/)
    .some((p) => looksRandom(p, 8));
}

// `{{resolve:secretsmanager:MySecret:SecretString:password}}`, `${DB_PASSWORD:-postgres}`: a name
// inside an open template expression is part of the template's own syntax, not an assignment.
function insideTemplate(text: string, keyStart: number): boolean {
  let before = text.slice(Math.max(0, keyStart - 256), keyStart);
  before = before.slice(before.lastIndexOf("\n") + 1);
  const open = Math.max(before.lastIndexOf("{{"), before.lastIndexOf("${"));
  return open >= 0 && !before.includes("}", open);
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t";
}

interface Value {
  start: number;
  end: number;
  quoted: boolean;
  /** Written as a sentence (`the password is …`): held to a stricter test. */
  prose?: boolean;
  /** A password by its place among a call's arguments (`HTTPBasicAuth("bob", "…")`), whatever the name's class. */
  byPosition?: boolean;
}

function readQuoted(text: string, open: number): Value {
  const q = text[open]!;
  let i = open + 1;
  while (i < text.length && i - open < MAX_VALUE) {
    const c = text[i]!;
    if (c === "\\") i += 2;
    else if (c === q) return { start: open + 1, end: i, quoted: true };
    else if (c === "\n" && q !== "`") break;
    else i++;
  }
  // Unterminated: everything to the end of the line is the value, so nothing is left showing.
  let end = open + 1;
  while (end < text.length && end - open < MAX_VALUE && text[end] !== "\n") end++;
  return { start: open + 1, end, quoted: false };
}

// Strong keys take everything up to whitespace or a separator, so a value full of brackets
// (`m{{h}o)p$…`) is masked whole; weak keys stop at brackets too, as code usually closes there.
function readBare(text: string, at: number, toEol: boolean, strong: boolean): Value {
  const stops = strong ? ",;<&\"'`" : ",;)}]<&\"'`";
  let end = at;
  while (end < text.length && end - at < MAX_VALUE) {
    const c = text[end]!;
    if (c === "\n" || c === "\r") break;
    // a written line break (`\n` in an escaped log line or a JSON string's text) ends the value too:
    // masked with it, the break went missing from the text around
    if (c === "\\" && end > at && (text[end + 1] === "n" || text[end + 1] === "r")) break;
    if (!toEol && (isSpace(c) || (stops.includes(c) && (c !== "&" || startsParameter(text, end + 1))))) break;
    // a form body at a line's start (`client_secret=…&grant_type=…`): the next parameter ends the
    // value even when it runs to the line's end, as long as the value so far has no blank in it
    if (toEol && c === "&" && startsParameter(text, end + 1) && !/\s/.test(text.slice(at, end))) break;
    // `PASSWORD=s3cr3t # rotate monthly`: a comment ends the line's value (shell, .env, YAML), and
    // judged with it, the value read as a placeholder ("changeme", "dummy" in the comment)
    if (toEol && c === "#" && end > at && isSpace(text[end - 1]!)) break;
    end++;
  }
  if (toEol) {
    while (end > at && /[\s,;"'`]/.test(text[end - 1]!)) end--;
  }
  return { start: at, end, quoted: false };
}

// What follows an `&` that separates parameters (`?a=1&b=2`, `cmd && next`): otherwise the `&` is
// part of the value (`Tr0ub4dor&Correct-Horse` is one password).
const PARAMETER_AFTER_AMPERSAND = /[A-Za-z_][\w.[\]-]{0,63}=|&|\s|$/y;

function startsParameter(text: string, at: number): boolean {
  PARAMETER_AFTER_AMPERSAND.lastIndex = at;
  return PARAMETER_AFTER_AMPERSAND.test(text);
}

// Bounded look-back: a name with more than a few characters before it on its line is not at the start.
function lineStartsWithIdent(text: string, identStart: number): boolean {
  let i = identStart - 1;
  while (i >= 0 && identStart - i <= 16 && text[i] !== "\n") i--;
  if (i >= 0 && text[i] !== "\n") return false;
  const prefix = text.slice(i + 1, identStart);
  return /^\s*(?:-\s+|export\s+|set\s+|#\s*)?["']?$/.test(prefix);
}

/** Random, or long and token-shaped even if repetitive (weak names need one of the two). */
function looksGenerated(v: string): boolean {
  if (looksRandom(v, 10)) return true;
  if (v.length < 32 || !/^[A-Za-z0-9+/=_.-]+$/.test(v) || isPlaceholder(v)) return false;
  if (longestSequence(v) >= 10) return false; // ABCDEFGHIJ…: an alphabet, not a key
  const c = charClasses(v);
  const classes = (c.lower > 0 ? 1 : 0) + (c.upper > 0 ? 1 : 0) + (c.digit > 0 ? 1 : 0);
  const words = (v.match(/[a-z]{5,}|[A-Z][a-z]{4,}/g) ?? []).join("").length;
  return classes >= 2 && c.digit >= 4 && words < v.length * 0.5;
}

// `s3cr3tP4ss placeholder until rotation`: a note after the value does not make the value a stand-in
function credentialBeforeNote(v: string): boolean {
  const space = v.search(/\s/);
  if (space < 0) return false;
  const first = v.slice(0, space);
  return proseCredential(first) && !isPlaceholder(first);
}

// a card's security code (CVV, CVC, CSC): three or four digits, never stored, whatever its shape
const CARD_CODE = /cv[cv]|csc/i;
const CARD_CODE_DIGITS = /^\d{3,4}$/;
const cardCode = (key: string, value: string) => CARD_CODE.test(key) && CARD_CODE_DIGITS.test(value);
// a sentence's digits after a name for a PIN or a one-time code (`use passcode 739184 to join`), which
// the prose test, made for passwords, refuses
const PIN_NAME = /^(?:pin|passcode|otp|totp)$/i;
const numericCode = (key: string, value: string) =>
  cardCode(key, value) || (PIN_NAME.test(key) && /^\d{4,10}$/.test(value));

function acceptable(value: string, quoted: boolean, cls: KeyClass, key: string): boolean {
  const v = withoutMaskTokens(value).trim();
  if (v.length === 0 || (isPlaceholder(v) && !credentialBeforeNote(v))) return false;
  // punctuation only (`",.:-*?!"`): syntax or a separator, never a credential
  if (!HAS_ALNUM.test(v)) return false;
  if (
    !quoted &&
    (REFERENCE.test(v) || REFERENCE_CASE_SENSITIVE.test(v)) &&
    !v.split(/[.(]/).some((p) => looksRandom(p, 8))
  ) {
    return false;
  }
  if (!quoted && !/^[A-Za-z0-9_=+/-]/.test(v)) return false;
  if (/^(?:new|await|function|lambda)\s|^[\w.]+\(.*\)$/.test(v)) return false; // code, not a value
  if (!quoted && POWERSHELL_CMDLET.test(value)) return false; // `$pw = Read-Host -AsSecureString`
  if (cls.type === "authorization") {
    if (AUTH_SCHEME.test(v)) return false; // the auth_header detector reads past it
    // `Bearer {{token}}`, `Basic ${CREDENTIALS}`: a scheme followed by a placeholder
    const sp = v.search(/\s/);
    if (sp > 0 && AUTH_SCHEME.test(v.slice(0, sp)) && isPlaceholder(v.slice(sp))) return false;
  }
  if (SOPS_VALUE.test(v) || VERSIONED_NAME.test(v)) return false;
  if (NAME_SHAPE.test(v) && classifyKey(v) !== null) return false;
  if (cls.strength === "strong") {
    if (CARD_CODE.test(key)) return CARD_CODE_DIGITS.test(v);
    return v.length >= 4 && !/^\d{1,3}$/.test(v) && longestSequence(v) < 10;
  }
  if (HASH_CONTEXT.test(key) && isHex(v)) return false;
  if (isUuid(v)) return cls.type !== "access_key_id";
  return looksGenerated(v);
}

/**
 * Reads the assignment whose key holds the root found at `index` (`length` characters) and adds its
 * value to `out` when it is a credential. Returns where reading may go on from.
 */
function assignmentAt(text: string, index: number, length: number, out: Match[]): number {
  let s = index;
  let e = index + length;
  while (s > 0 && index - s < 64 && isIdent(text.charCodeAt(s - 1))) s--;
  while (e < text.length && e - index < 64 && isIdent(text.charCodeAt(e))) e++;
  const keyEnd = e;
  const s0 = s;
  while (s < e && (text[s] === "-" || text[s] === ".")) s++;
  let cliFlag = s > s0 && text[s - 1] === "-" && (s0 === 0 || isSpace(text[s0 - 1]) || text[s0 - 1] === "\n");
  while (e > s && (text[e - 1] === "." || text[e - 1] === "-")) e--;
  // Java's `-Dpassword=…`: a system property is named after its `-D`
  if (cliFlag && s === s0 + 1 && text[s] === "D" && text[e] === "=" && e - s > 2) {
    s++;
    cliFlag = false;
  }
  const key = text.slice(s, e);
  // `7z a -pS3cr3tPw a.7z`: a short flag with its value attached, not a flag named like a credential
  if (cliFlag && s === s0 + 1 && /\d/.test(key)) cliFlag = false;
  if (text[e] === "(" && key === "password_hash") return hashedLiteral(text, s, out) ?? keyEnd;
  const cls = classifyKey(key);
  if (!cls) {
    // a call not named like a credential whose arguments hold one: JDBC's `getConnection(url, "bob", "…")`,
    // a builder's `withPassword("…")`
    const call = text[e] === "(" ? callValue(text, key, e) : undefined;
    if (!call) return keyEnd;
    return credentialValue(text, s, call.value, call.cls, key, out) ? call.value.end : keyEnd;
  }
  const field = nameFieldAt(text, s);
  const device = deviceConfigValue(text, s, e);
  if (device !== null) {
    // a device's types 5, 8 and 9 are hashes, which `credentialValue` would take for shell references
    if (!isPlaceholder(text.slice(device.start, device.end))) {
      out.push({ ...device, type: cls.type, detector: "keyword", category: "secret" });
    }
    return Math.max(keyEnd, device.end);
  }
  const value =
    (field >= 0 ? (siblingValue(text, e) ?? siblingValueBefore(text, field)) : null) ??
    findValue(text, s, e, cls, cliFlag, field >= 0);
  if (!value) {
    return (
      columnValues(text, s, e, out) ??
      cellValue(text, s, e, cls, key, out) ??
      listValue(text, s, e, cls, key, out) ??
      keyEnd
    );
  }
  if (value.prose) return proseValues(text, s, value, cls, key, out) ?? keyEnd;
  const password = value.quoted ? null : (passwordAfterUser(text, value, cls) ?? appPasswordGroups(text, value));
  if (password !== null) return credentialValue(text, s, password, cls, key, out) ? password.end : keyEnd;
  if (!credentialValue(text, s, value, value.byPosition ? BY_POSITION : cls, key, out)) return keyEnd;
  // a masked value holds no further assignments worth reading
  return Math.max(keyEnd, value.end);
}

// `username/password = bob / S3cret`, `creds → bob / S3cret`: a name for a user and a password,
// then the user, a slash with blanks around it (without them it is one token, `bob/S3cret`, read
// whole) and the password. A name for the password alone (`password = S3cret / rotate monthly`)
// keeps its first value.
const USER_SLASH = /[ \t]{1,2}\/[ \t]{1,2}(?=[^\s/])/y;
const USER_AND_PASSWORD_NAME = /(?:user(?:name)?|login|u)[ \t]{0,2}\/[ \t]{0,2}(?:pass(?:word)?|pwd|pw|p)$/i;

/**
 * The password of a user/password pair written after a name for both: the password alone, or, for
 * a credential name (`creds`), the whole pair (as `creds: bob / S3cret` is read to its line's end).
 */
function passwordAfterUser(text: string, user: Value, cls: KeyClass): Value | null {
  if (cls.type !== "password" && cls.type !== "credential") return null;
  USER_SLASH.lastIndex = user.end;
  if (!USER_SLASH.test(text)) return null;
  const credential = cls.type === "credential";
  const name = text.slice(Math.max(0, user.start - 64), user.start).replace(/[\s:=→>-]+$/, "");
  if (!credential && !USER_AND_PASSWORD_NAME.test(name)) return null;
  const r = readBare(text, USER_SLASH.lastIndex, false, true);
  const end = beforeSentencePunctuation(text, r.start, r.end);
  if (end <= r.start) return null;
  return { start: credential ? user.start : r.start, end, quoted: false };
}

// Google's app passwords are shown as four groups of four letters (`abcd efgh ijkl mnop`): the
// blanks are part of the value
const APP_PASSWORD_REST = /(?: [a-z]{4}){3}(?![\w])/y;

/** The whole of an app password whose first group is `value`, or null. */
function appPasswordGroups(text: string, value: Value): Value | null {
  if (value.end - value.start !== 4 || !/^[a-z]{4}$/.test(text.slice(value.start, value.end))) return null;
  APP_PASSWORD_REST.lastIndex = value.end;
  return APP_PASSWORD_REST.test(text) ? { ...value, end: APP_PASSWORD_REST.lastIndex } : null;
}

const OPENER: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{" };

/**
 * `(password: S3cret)`, `{password: S3cret}`: a bare value's last character closes a bracket opened
 * on the line before the name, not one of its own; the value ends before it.
 */
function beforeClosingBracket(text: string, name: number, start: number, end: number): number {
  const open = OPENER[text[end - 1] ?? ""];
  if (open === undefined || text.slice(start, end).includes(open)) return end;
  const before = text.slice(Math.max(text.lastIndexOf("\n", name - 1) + 1, name - 256), name);
  return before.lastIndexOf(open) > before.lastIndexOf(text[end - 1]!) ? end - 1 : end;
}

// Ansible's `{{ 'S3cret' | password_hash('sha512') }}`: the literal piped into the filter is a password
const PIPED_LITERAL = /(["'])([^"'\n]{1,256})\1[ \t]{0,4}\|[ \t]{0,4}$/;

/** Masks the literal piped into `password_hash` at `filter`; returns where reading may go on from. */
function hashedLiteral(text: string, filter: number, out: Match[]): number | null {
  const from = Math.max(0, filter - 300);
  const m = PIPED_LITERAL.exec(text.slice(from, filter));
  if (m === null) return null;
  // inside the template by design: credentialValue would take it for the template's own syntax
  if (!acceptable(m[2]!, true, BY_POSITION, "password")) return null;
  const start = from + m.index + 1;
  out.push({ start, end: start + m[2]!.length, type: "password", detector: "keyword", category: "secret" });
  return filter;
}

// `the passphrase is "correct horse battery staple"`: four words or more, quoted, in a sentence
const PASSPHRASE = /^[A-Za-z]{3,16}(?:[ -][A-Za-z]{3,16}){3,9}$/;

/**
 * The prose test for a value read from a sentence. Quoted words are a passphrase, or hold a word
 * that is a credential (`"at least 12 characters"` holds none: the test on the whole would pass it).
 */
function proseQuotedCredential(raw: string, quoted: boolean): boolean {
  if (!quoted) return proseCredential(raw);
  if (PASSPHRASE.test(raw)) return true;
  return /\s/.test(raw) ? raw.split(/\s+/).some(proseCredential) : proseCredential(raw);
}

/** Adds the value to `out` when it holds a credential; says whether it did. */
function credentialValue(text: string, s: number, found: Value, cls: KeyClass, key: string, out: Match[]): boolean {
  const value = found.quoted ? found : { ...found, end: beforeClosingBracket(text, s, found.start, found.end) };
  const raw = text.slice(value.start, value.end);
  valueChars += raw.length;
  // most words after a name in a sentence are plain words: the cheapest test goes first
  if (value.prose && !proseQuotedCredential(raw, value.quoted) && !numericCode(key, raw)) return false;
  if (insideTemplate(text, s)) return false;
  if (!value.quoted && codeExpression(text, value.start)) return false;
  if (!acceptable(raw, value.quoted, cls, key)) return false;
  const lead = raw.length - raw.trimStart().length;
  const trail = raw.length - raw.trimEnd().length;
  out.push({
    start: value.start + lead,
    end: value.end - trail,
    type: cls.type,
    detector: "keyword",
    category: "secret",
  });
  return true;
}

// what joins the words of a sentence's list of values: `X, Y and Z`, or a user and password `bob / X`
const PROSE_LIST = /[ \t]{0,4}(?:,[ \t]{0,4}(?:and[ \t]{1,4})?|[ \t]and[ \t]{1,4}|(\/)[ \t]{0,4})/y;

/**
 * `the passwords are X, Y and Z`, `creds are bob / X`: each word of the list that holds a credential.
 * A word that does not ends the list, unless a `/` follows it (a user name before the password).
 * Returns where reading may go on from, or null when nothing was masked.
 */
function proseValues(text: string, s: number, first: Value, cls: KeyClass, key: string, out: Match[]): number | null {
  let value: Value | null = first;
  let masked: number | null = null;
  for (let n = 0; value !== null && n < 8; n++) {
    const found = credentialValue(text, s, value, cls, key, out);
    if (found) masked = value.end;
    PROSE_LIST.lastIndex = value.end;
    const joined = PROSE_LIST.exec(text);
    if (joined === null || (!found && joined[1] === undefined)) break;
    value = proseValue(text, PROSE_LIST.lastIndex);
  }
  return masked;
}

/** The name is a column in a table's header: its cells below. Returns the header's end, or null. */
function columnValues(text: string, s: number, e: number, out: Match[]): number | null {
  if (s < tableEnd) return null;
  const table = tableBelow(text, s, e);
  if (table === null) return null;
  tableEnd = table.end;
  valueChars += table.chars;
  for (const v of table.values) {
    const raw = text.slice(v.start, v.end);
    if (!acceptable(raw, v.quoted, v.cls, v.key)) continue;
    out.push({ start: v.start, end: v.end, type: v.cls.type, detector: "keyword", category: "secret" });
  }
  return table.headerEnd;
}

const DECORATION_CHARS = " \t*`_";

/** The name fills a Markdown row's first cell: the word in the second, held to the prose test. */
function cellValue(text: string, s: number, e: number, cls: KeyClass, key: string, out: Match[]): number | null {
  // cheap tests first: a pipe before the name, past its decoration, and a blank or a pipe after it
  let a = s;
  while (a > 0 && s - a < 8 && DECORATION_CHARS.includes(text[a - 1]!)) a--;
  const after = text[e];
  if (text[a - 1] !== "|" || after === undefined || !(after === "|" || DECORATION_CHARS.includes(after))) return null;
  const cell = cellBeside(text, s, e);
  if (cell === null) return null;
  return credentialValue(text, s, { ...cell, prose: true }, cls, key, out) ? cell.end : null;
}

/** The name starts a row of PowerShell's `Name  Value` list: the rest of the row. */
function listValue(text: string, s: number, e: number, cls: KeyClass, key: string, out: Match[]): number | null {
  // cheap tests first: the name starts its line and two blanks follow it
  if ((s > 0 && text[s - 1] !== "\n") || text[e] !== " " || text[e + 1] !== " ") return null;
  const cell = listedValue(text, s, e);
  if (cell === null) return null;
  return credentialValue(text, s, cell, cls, key, out) ? cell.end : null;
}

// Characters of values read and judged in the current scan. A value that is not a credential is
// read again from each key inside it (`sig=/sig=/sig=…`: up to MAX_VALUE characters each time);
// past a budget of a few times the text, the rest of the text is masked instead (fail closed).
let valueChars = 0;
// The end of the last table read in the current scan: its rows are not read again as headers.
let tableEnd = 0;

function overBudget(text: string, from: number, out: Match[]): boolean {
  if (valueChars <= 4 * text.length + 32_768) return false;
  out.push({ start: from, end: text.length, type: "credential", detector: "keyword", category: "secret" });
  return true;
}

export const keywordDetector: Detector = {
  name: "keyword",
  category: "secret",
  applies: (p) => p.letters >= 3 && p.length >= 6,
  scan(text: string, out: Match[]) {
    let processedTo = 0;
    valueChars = 0;
    tableEnd = 0;
    scanLoginCalls(text, out);
    scanOAuthCodes(text, out);
    scanNamedCodes(text, out);
    scanHmacKeys(text, out);
    scanPhpLogons(text, out);
    scanLoginSentences(text, out);
    // where a root may start, from the text profile pass: only those places are tried
    const roots = keywordRootHits(text);
    if (roots !== null) {
      for (const p of roots) {
        if (p < processedTo) continue;
        if (overBudget(text, p, out)) return;
        HIT_AT.lastIndex = p;
        const m = HIT_AT.exec(text);
        if (m !== null) processedTo = assignmentAt(text, p, m[0].length, out);
      }
      return;
    }
    const lower = lowerSameLength(text);
    const hay = lower ?? text;
    const hit = lower ? HIT : HIT_I;
    hit.lastIndex = 0;
    for (let m = hit.exec(hay); m !== null; m = hit.exec(hay)) {
      if (m.index < processedTo) continue;
      if (overBudget(text, m.index, out)) return;
      processedTo = assignmentAt(text, m.index, m[0].length, out);
      hit.lastIndex = processedTo;
    }
  },
};

// smtplib's, ftplib's and imaplib's `.login("bob", "…")` hold no credential word: found by the method,
// at the dots the profile pass recorded (cheaper than searching the text for it)
function scanLoginCalls(text: string, out: Match[]): void {
  eachPosition(text, ".", (at) => {
    if ((text.charCodeAt(at + 1) | 32) !== 108 || !/^[lL]ogin\($/.test(text.slice(at + 1, at + 7))) return at + 1;
    const value = passwordArgument(text, at + 6);
    if (value) credentialValue(text, at + 1, value, BY_POSITION, "login", out);
    return at + 7;
  });
}

/** `inRecord`: the name is a name field's value, so the quoted string after a comma is another field's name. */
function findValue(
  text: string,
  s: number,
  e: number,
  cls: KeyClass,
  cliFlag: boolean,
  inRecord: boolean,
): Value | null {
  const before = text[s - 1];
  // `page.fill('#password', '…')`, `cy.get('#password').type('…')`: the name is inside a selector
  if (before === "#" || before === "=" || before === "'" || before === '"' || before === "-") {
    const typed = typedIntoSelector(text, s, e);
    if (typed !== null) return { ...typed, quoted: true };
  }
  let p = e;
  const keyQuote = before === '"' || before === "'" || before === "`" ? before : null;
  if (keyQuote && text[p] === keyQuote) p++;
  // <add key="Password" value="…" />, Java's XML properties (<entry key="password">…</entry>) and an
  // HTML password input (<input type="password" value="…">)
  if (keyQuote && /(?:key|name|type)\s{0,2}=\s{0,2}$/i.test(text.slice(Math.max(0, s - 12), s - 1))) {
    const attr = /^\s{1,8}value\s{0,4}=\s{0,4}(["'])/i.exec(text.slice(p, p + 32));
    if (attr) return readQuoted(text, p + attr[0].length - 1);
    if (text[p] === ">") return elementText(text, p + 1);
  }
  // variable "db_password" { default = "…" } (Terraform)
  if (keyQuote === '"' && text[p] !== ":" && HCL_VARIABLE.test(text.slice(Math.max(0, s - 16), s - 1))) {
    return hclDefault(text, p);
  }
  // <password>value</password>
  if (before === "<" && text[p] === ">") return elementText(text, p + 1);
  // a property list's <key>Password</key> and the <string> after it (macOS, iOS)
  if (before === ">" && text.startsWith("</key>", p) && text.slice(Math.max(0, s - 5), s) === "<key>") {
    PLIST_STRING.lastIndex = p + 6;
    return PLIST_STRING.test(text) ? elementText(text, PLIST_STRING.lastIndex) : null;
  }
  // `HTTPBasicAuth("bob", "…")`, `setPassword("…")`; `auth=("bob", "…")` is read below
  if (text[p] === "(") {
    const call = callValue(text, text.slice(s, e), p);
    if (call !== undefined) return call && { ...call.value, byPosition: call.cls === BY_POSITION };
  }
  if (text[p] === "[") {
    const close = text.slice(p, p + 9).indexOf("]");
    if (close > 0) p += close + 1;
  }
  if (text[p] === "]" && text[p + 1] !== "]") p++;
  let q = p;
  while (isSpace(text[q]) && q - p < 16) q++;
  let op: string | undefined;
  for (const candidate of OPERATORS_BY_FIRST.get(text[q]!) ?? NO_OPERATORS) {
    if (text.startsWith(candidate, q)) {
      op = candidate;
      break;
    }
  }
  if (op === ":" && text[q + 1] === ":") return null;
  // `p->member` (C, C++, PHP) is code: a note's arrow has blanks around it; `a<-b` compares
  if ((op === "->" || op === "<-") && (q === p || !isSpace(text[q + 2]))) return null;
  if (op) {
    q += op.length;
    // `expect "Password: "`, `print('password=')`: the name and its operator are a quoted label
    // (a prompt) whose quote closes after them; what follows the quote is not its value
    if (keyQuote && p === e) {
      let close = q;
      while (isSpace(text[close]) && close - q < 8) close++;
      if (text[close] === keyQuote) return null;
    }
  } else if (keyQuote && !inRecord && text[q] === "," && /^,[ \t]{0,8}["'`]/.test(text.slice(q, q + 10))) {
    q++; // setProperty("API_TOKEN", "…"), not a list of quoted names (`(name, `password`, api_token)`)
  } else if (!keyQuote && text[q] === "," && CURL_USERPWD.test(text.slice(s, e))) {
    return curlUserPassword(text, q + 1);
  } else if (keyQuote && text[q] === "," && FALLBACK_ARGUMENT.test(text.slice(q, q + 32))) {
    q = text.indexOf("=", q) + 1; // configparser's `get("db", "password", fallback="…")`
  } else if (cliFlag && q > p) {
    // --token value
  } else if (q > p && (text[q] === '"' || text[q] === "'") && cls.strength === "strong") {
    // password "value"; without an operator only a properly closed string counts
    const r = readQuoted(text, q);
    return r.quoted ? r : null;
  } else if (q > p && placeThenIsAt(text, q)) {
    // `the root pw on db01 is …`, `the password of the admin account is …`
    return proseValue(text, PLACE_THEN_IS.lastIndex);
  } else if (q > p && proseConnectorAt(text, q)) {
    // `the password is …`, `password was set to …`, `reset bob's password to …`
    return proseValue(text, PROSE_CONNECTOR.lastIndex);
  } else if (q === p && TOPIC_PARTICLES.has(text[p]!)) {
    // `パスワードはS3cret`, `密码是S3cret`, `비밀번호는 S3cret`: the value runs to the next word of the sentence
    return particleValue(text, p + 1);
  } else if (q > p && isWord(text, q, "for")) {
    SET_PASSWORD_FOR.lastIndex = q;
    if (SET_PASSWORD_FOR.test(text)) {
      q = SET_PASSWORD_FOR.lastIndex; // MySQL's `SET PASSWORD FOR 'bob'@'%' = …`: the value follows
    } else {
      // a prompt or its log: `Password for bob: …`, `Password for 'https://bob@git.example.com': …`
      // or the value before it: `S3cret is the password for prod`
      const prompt = PROMPT_FOR.exec(text.slice(q, q + 160));
      return prompt ? proseValue(text, q + prompt[0].length) : valueBeforeAs(text, s);
    }
  } else if (q > p && text.slice(s, e) === "password" && NETRC_BEFORE.test(text.slice(Math.max(0, s - 200), s))) {
    return readToken(text, q);
  } else if (q > p && text[q] === "-" && isSpace(text[q + 1]) && lineStartsWithIdent(text, s)) {
    // a note's `Password - S3cret`, held to the prose test (`Password - required`)
    return proseValue(text, q + 1);
  } else if (q > p && DOCKERFILE_ENV.test(text.slice(Math.max(0, s - 16), s))) {
    // Dockerfile's older `ENV NAME value`: the rest of the line
    return readBare(text, q, true, true);
  } else {
    const typed = /^[A-Za-z_][\w.[\]*]{0,30}[ \t]{1,8}(=|:=)/.exec(text.slice(q, q + 48));
    if (!typed) {
      // no operator: `"…" == password`, a setting (`config set token …`), `use … as the password`,
      // or `with password S3cretPass99` (the word right after the name, held to the prose test)
      return (
        reversed(text, s) ??
        settingValue(text, s, e, cls) ??
        valueBeforeAs(text, s) ??
        (q > p && wordAfterPlainName(text, s, e, q, cls) ? proseValue(text, q) : null) ??
        (q > p ? transcriptPassword(text, s, e, q) : null)
      );
    }
    q += typed[0].length;
  }
  if (op && COMPARISON.has(op)) {
    const r = reversed(text, s);
    if (r) return r;
  }
  let v = q;
  while (isSpace(text[v]) && v - q < 16) v++;
  // YAML's tag or anchor before the value: `password: !!str S3cret`, `password: &pw S3cret`
  if (op === ":" && (text[v] === "!" || text[v] === "&")) {
    YAML_PROPERTY.lastIndex = v;
    if (YAML_PROPERTY.test(text)) v = YAML_PROPERTY.lastIndex;
  }
  if (text[v] === "@" && (text[v + 1] === '"' || text[v + 1] === "'")) v++;
  if (/[bruf]/.test(text[v] ?? "") && (text[v + 1] === '"' || text[v + 1] === "'")) v++;
  const c = text[v];
  if (c === undefined || c === "\n" || c === "\r") return null;
  if (c === "`") {
    const r = readQuoted(text, v);
    return /\s/.test(text.slice(r.start, r.end)) ? null : r; // `command substitution`
  }
  if ((c === '"' || c === "'") && text[v + 1] === c && text[v + 2] === c) return readTripleQuoted(text, v);
  if (c === '"' || c === "'") return readQuoted(text, v);
  if ((c === "|" || c === ">") && op === ":") return yamlBlock(text, s, v);
  if (c === "(" && cls.type === "credential") return passwordArgument(text, v);
  // SQL's `SET PASSWORD FOR bob = PASSWORD('…')`: the literal inside the function is the password
  if (SQL_CALL_FIRST.has(c)) {
    SQL_PASSWORD_CALL.lastIndex = v;
    if (SQL_PASSWORD_CALL.test(text)) return readQuoted(text, SQL_PASSWORD_CALL.lastIndex - 1);
  }
  const fallback = /[A-Za-z_$]/.test(c) ? fallbackLiteral(text, v) : null;
  if (fallback !== null) return fallback;
  const toEol =
    cls.strength === "strong" &&
    (op === ":" || op === "=") &&
    lineStartsWithIdent(text, s) &&
    !(op === "=" && commandAfterValue(text, v));
  return readBare(text, v, toEol, cls.strength === "strong");
}

// `PGPASSWORD=… psql -h db`, `export TOKEN=… && ./deploy.sh`: on a shell line an assignment's value
// ends at the first blank, and a command follows it. Without one (`PASSWORD=correct horse battery`,
// a .env line) the value runs to the end of the line.
const COMMAND_AFTER_VALUE =
  /^[ \t]+(?:&&|\|\||[;|]|\.{0,2}\/|[\w.-]+\/|(?:sudo|env|exec|node|npm|npx|yarn|pnpm|python3?|ruby|java|go|cargo|make|terraform|ansible-playbook|kubectl|docker|helm|aws|gcloud|az|curl|wget|git|ssh|scp|rsync|psql|pg_dump|pg_restore|mysql|mysqldump|mongosh|redis-cli|bash|sh)(?:[ \t]|$)|[\w.-]+[ \t][^\n]{0,200}?[ \t]--?[A-Za-z])/;

function commandAfterValue(text: string, v: number): boolean {
  const { end } = readToken(text, v);
  const lineEnd = text.indexOf("\n", end);
  return COMMAND_AFTER_VALUE.test(text.slice(end, Math.min(lineEnd < 0 ? text.length : lineEnd, end + 256)));
}

const BY_POSITION: KeyClass = { type: "password", strength: "strong", numeric: false };

// calls whose arguments are a user and a password: `HTTPBasicAuth(…)`, `request.auth(…)`,
// `new NetworkCredential(…)`, Java's `PasswordAuthentication(…)`, Shiro's `UsernamePasswordToken(…)`,
// smtplib's and ftplib's `.login(…)`, JDBC's `getConnection(url, …)`
// (and MongoDB's `db.changeUserPassword("bob", "…")`, a user's new password)
const PAIR_CALL =
  /(?:auth|credentials?|^PasswordAuthentication|^UsernamePassword(?:Authentication)?Token|^login|^getConnection|^(?:change|update|reset)\w{0,16}Password)$/i;
// a setter or a builder's method given the credential alone: `setPassword("…")`, `withApiKey("…")`,
// `.password("…")`
const SETTER = /^(?:set|with)_?(?=[A-Za-z])/i;
const PASSWORD_WORD = /^(?:password|passwd|passphrase)$/i;

/**
 * The credential among the arguments of the call named `name` opened at `open`, with the class it is
 * masked as: undefined when the call is none of those read here, null when it is but holds no literal.
 */
function callValue(text: string, name: string, open: number): { value: Value; cls: KeyClass } | null | undefined {
  const method = name.slice(name.lastIndexOf(".") + 1);
  if (PAIR_CALL.test(method)) {
    const value = passwordArgument(text, open);
    return value && { value, cls: BY_POSITION };
  }
  if (
    method === "connect" &&
    CONNECT_CLIENT.test(text.slice(Math.max(0, open - method.length - 48), open - method.length))
  ) {
    const value = connectPassword(text, open);
    return value && { value, cls: BY_POSITION };
  }
  // PyJWT's `jwt.encode(payload, "…")` and jsonwebtoken's `jwt.sign(payload, '…')`: the signing key
  if (JWT_SIGN.test(name)) {
    const value = callArguments(text, open, 2)?.[1];
    return value?.literal ? { value: value.literal, cls: SIGNING_KEY } : null;
  }
  const setter = SETTER.test(method);
  const cls = setter ? classifyKey(method.replace(SETTER, "")) : PASSWORD_WORD.test(method) ? BY_POSITION : null;
  if (!cls || (setter && cls.strength !== "strong")) return undefined;
  // `setPassword("bob", "…")`: a user and its password, as a pair call takes them
  const value = onlyArgument(text, open) ?? passwordArgument(text, open);
  return value && { value, cls };
}

// libcurl's `curl_setopt($ch, CURLOPT_USERPWD, "bob:…")` (and the proxy's): the password after the user
const CURL_USERPWD = /^CURLOPT_(?:PROXY)?USERPWD$/;

/** The password in the `"user:password"` literal after the option at `at`, or null. */
function curlUserPassword(text: string, at: number): Value | null {
  let v = at;
  while (isSpace(text[v]) && v - at < 8) v++;
  if (text[v] !== '"' && text[v] !== "'") return null;
  const literal = readQuoted(text, v);
  const colon = text.indexOf(":", literal.start);
  if (!literal.quoted || colon < 0 || colon >= literal.end - 1) return null;
  return { start: colon + 1, end: literal.end, quoted: true };
}

const JWT_SIGN = /(?:^|\.)jwt\.(?:encode|sign)$/i;
// the database and SSH clients whose `connect` takes a logon by position (`signal.connect("clicked",
// "on_click", "handler")` is a GUI's)
const CONNECT_CLIENT =
  /(?:mysql|MySQLdb|pymysql|mariadb|pg8000|psycopg2?|cx_Oracle|oracledb|pyodbc|ibm_db|pymssql|SSHClient\(\)|ssh|sftp|ftp|client)\.$/i;
const SIGNING_KEY: KeyClass = { type: "secret", strength: "strong", numeric: false };

interface Argument {
  /** The argument when it is a string literal. */
  literal: Value | null;
  /** The argument when it is a number (`22`, a port). */
  numeric: boolean;
}

/**
 * The first `max` arguments of the call or tuple opened at `open` (string literals, or names and
 * expressions up to the next separator on the same line), or null when they cannot be read: an empty
 * argument, or one followed by neither `,` nor `)` (`"a" + b`).
 */
function callArguments(text: string, open: number, max: number): Argument[] | null {
  const args: Argument[] = [];
  let at = open + 1;
  while (args.length < max) {
    while (isSpace(text[at])) at++;
    const c = text[at];
    if (c === '"' || c === "'") {
      const literal = readQuoted(text, at);
      if (!literal.quoted) return null;
      args.push({ literal, numeric: false });
      at = afterConversion(text, literal.end + 1);
    } else {
      // a name or an expression (`url`, `config.user`, a port)
      const from = at;
      while (at < text.length && at - from < 128 && !/[,)\n"']/.test(text[at]!)) at++;
      if (at === from) return null;
      args.push({ literal: null, numeric: /^\d{1,5}\s*$/.test(text.slice(from, at)) });
    }
    while (isSpace(text[at])) at++;
    if (text[at] === ")") break;
    if (text[at] !== ",") return null;
    at++;
  }
  return args;
}

/**
 * A database or SSH client's `connect(…)` given its logon by position: MySQLdb's and PyMySQL's
 * `connect("db", "bob", "…", "app")` (host, user, password) and paramiko's `connect(host, 22, "bob",
 * "…")` (a port before the user). The user must be a literal too, or the call is something else.
 */
function connectPassword(text: string, open: number): Value | null {
  const args = callArguments(text, open, 4);
  if (args === null || args.length < 3) return null;
  const at = args[1]!.numeric ? 3 : 2;
  const user = args[at - 1]?.literal;
  const password = args[at]?.literal;
  return user && password ? { ...password, byPosition: true } : null;
}

// PHP's logons by position: `new mysqli("db", "bob", "…", "app")`, `mysqli_connect(…)` (host, user,
// password) and `new PDO($dsn, "bob", "…")` (a DSN, user, password)
const PHP_LOGON = /(?:new[ \t]{1,4}mysqli|mysqli_connect|new[ \t]{1,4}PDO)[ \t]{0,4}\(/iy;

function scanPhpLogons(text: string, out: Match[]): void {
  for (const word of ["mysqli", "pdo"] as const) {
    for (const at of foldedWordStarts(text, word)) {
      // from `new ` before the class, or at the function's name
      const from = text.slice(Math.max(0, at - 8), at).search(/new[ \t]{1,4}$/i);
      PHP_LOGON.lastIndex = from >= 0 ? Math.max(0, at - 8) + from : at;
      if (!PHP_LOGON.test(text)) continue;
      const args = callArguments(text, PHP_LOGON.lastIndex - 1, 3);
      const user = args?.[1]?.literal;
      const password = args?.[2]?.literal;
      if (!user || !password || password.end <= password.start) continue;
      const raw = text.slice(password.start, password.end);
      if (isPlaceholder(raw) || isReference(raw)) continue;
      out.push({ start: password.start, end: password.end, type: "password", detector: "keyword", category: "secret" });
    }
  }
}

/** The string literal that is the only argument of the call opened at `open` (`("…")`), or null. */
function onlyArgument(text: string, open: number): Value | null {
  let at = open + 1;
  while (isSpace(text[at])) at++;
  if (text[at] !== '"' && text[at] !== "'") return null;
  const literal = readQuoted(text, at);
  if (!literal.quoted) return null;
  at = afterConversion(text, literal.end + 1);
  while (isSpace(text[at])) at++;
  return text[at] === ")" ? literal : null;
}

// a literal turned into the type a call takes: `"…".toCharArray()` (Java), `"…".encode()` (Python)
const CONVERSION = /\.(?:toCharArray|ToCharArray|getBytes|encode)\(\)/y;

function afterConversion(text: string, at: number): number {
  CONVERSION.lastIndex = at;
  return CONVERSION.test(text) ? CONVERSION.lastIndex : at;
}

/**
 * The password among the first arguments of the call or tuple opened at `open`: the last of two or
 * three string literals (`("bob", "…")`, `(realm, "bob", "…")`), or null.
 */
function passwordArgument(text: string, open: number): Value | null {
  const literals = (callArguments(text, open, 3) ?? []).flatMap((a) => (a.literal ? [a.literal] : []));
  const last = literals[literals.length - 1];
  return literals.length >= 2 && last ? { ...last, byPosition: true } : null;
}

const SET_PASSWORD_FOR = /for[ \t]{1,8}[^\s=]{1,128}[ \t]{0,8}=[ \t]{0,8}/iy;
const SQL_CALL_FIRST = new Set(["P", "p", "O", "o", "E", "e", "C", "c"]);
const SQL_PASSWORD_CALL = /(?:OLD_PASSWORD|PASSWORD|ENCRYPT|crypt)\([ \t]{0,4}['"]/iy;

const PROSE_CONNECTOR =
  /(?:(?:is|was|are|were|becomes|became)(?:[ \t]{1,4}(?:now|still|set[ \t]{1,4}to|changed[ \t]{1,4}to|reset[ \t]{1,4}to))?|(?:set|changed|reset|updated)[ \t]{1,4}to|to|now|ist|est|es|é|är|er|jest|on):?[ \t]{1,4}/iy;

/** Whether a connecting word (`is`, `was set to`, `to`) starts at `q`; its end is then `PROSE_CONNECTOR.lastIndex`. */
function proseConnectorAt(text: string, q: number): boolean {
  PROSE_CONNECTOR.lastIndex = q;
  return PROSE_CONNECTOR.test(text);
}
const HCL_VARIABLE = /(?:^|\s)variable[ \t]{1,4}$/;
// the default inside the variable's block: the block holds no other braces before it in practice
const HCL_DEFAULT = /[ \t]{0,8}\{[^{}]{0,512}?(?:^|[\s{])default[ \t]{0,16}=[ \t]{0,16}/my;

function hclDefault(text: string, afterKey: number): Value | null {
  HCL_DEFAULT.lastIndex = afterKey;
  const m = HCL_DEFAULT.exec(text);
  if (m === null) return null;
  const v = afterKey + m[0].length;
  return text[v] === '"' ? readQuoted(text, v) : readBare(text, v, false, true);
}

const DOCKERFILE_ENV = /(?:^|\n)[ \t]*ENV[ \t]+$/;
// a prompt: `Password for bob: …`, ssh's `Enter passphrase for key '/home/bob/.ssh/id_ed25519': …`
// (or a sentence naming what the password is for in a few words: `the password for the staging DB is …`)
const PROMPT_FOR =
  /^for\s{1,4}(?:(?:user|key)\s{1,4})?(?:[^\s:=]{1,64}[ \t]{1,4}){0,3}?\S{1,64}(?::[ \t]|[ \t]{1,4}(?:is|=)[ \t])/i;
// what a credential is on or of, then `is` (as PROMPT_FOR's `for`); `on` alone is a connector (Finnish `is`)
const PLACE_THEN_IS =
  /(?:on|of|at)[ \t]{1,4}(?:[^\s:=]{1,64}[ \t]{1,4}){0,3}?[^\s:=]{1,64}[ \t]{1,4}(?:is|was)[ \t]{1,4}/iy;
const PREPOSITION_FIRST = new Set(["o", "O", "a", "A"]);

/** Whether a place and `is` follow at `q` (`on db01 is `); PLACE_THEN_IS.lastIndex is then the value's start. */
function placeThenIsAt(text: string, q: number): boolean {
  if (!PREPOSITION_FIRST.has(text[q]!)) return false;
  PLACE_THEN_IS.lastIndex = q;
  // within 160 characters, as the phrase is read in a sentence
  return PLACE_THEN_IS.test(text) && PLACE_THEN_IS.lastIndex - q <= 160;
}
// .netrc: `machine api.example.com login bob password s3cr3t`, on one line or several
// (the name is never the batch separator's NUL: strings scanned together do not read across it)
const NETRC_BEFORE = /(?:^|\s)(?:(?:machine|login|account)\s+[^\s\0]+|default)\s+$/;

/** Everything up to the next white space (a .netrc value may hold any other character). */
function readToken(text: string, at: number): Value {
  let end = at;
  while (end < text.length && end - at < MAX_VALUE && !/\s/.test(text[end]!)) end++;
  return { start: at, end, quoted: false };
}

// `- name: DB_PASSWORD` / `value: …` (Kubernetes env as YAML), `{ name = "API_TOKEN", value = "…" }`
// (HCL), `{"Key": "db_password", "Value": "…"}`: the credential's name is the value of a name field,
// and the credential is the value of the field right after it.
const NAME_FIELD_BEFORE = new RegExp(
  `(?:^|[\\s{,[(])["']?(?:${NAME_FIELDS.join("|")})["']?[ \\t]{0,4}(?::|=>|=)[ \\t]{0,4}["']?$`,
);
const FIELD_SEPARATOR = `(?:,[ \\t]{0,8}(?:\\r?\\n[ \\t]{0,32})?|\\r?\\n[ \\t]{0,32})`;
// a short field between the name and the value (`"type": "secure"`; up to seven of them); not a list item
// (`- …`), which starts another record
const OTHER_FIELD = `["']?[A-Za-z_][\\w-]{0,31}["']?[ \\t]{0,4}(?::|=>|=)[ \\t]{0,8}(?:"[^"\\n]{0,64}"|'[^'\\n]{0,64}'|[\\w.-]{1,64})[ \\t]{0,8}`;
const VALUE_FIELD_AFTER = new RegExp(
  `["']?[ \\t]{0,8}(?:${FIELD_SEPARATOR}${OTHER_FIELD}){0,7}${FIELD_SEPARATOR}["']?(?:${VALUE_FIELDS.join("|")})["']?[ \\t]{0,4}(?::|=>|=)[ \\t]{0,8}`,
  "y",
);

/** Where the name field whose value starts at `s` begins (its quote or first letter), or -1. */
function nameFieldAt(text: string, s: number): number {
  // most names are keys, not values: the operator of a name field must come right before
  let i = s - 1;
  if (text[i] === '"' || text[i] === "'") i--;
  while (i >= 0 && s - i < 8 && isSpace(text[i])) i--;
  const c = text[i];
  if (c !== ":" && c !== "=" && c !== ">") return -1;
  const from = Math.max(0, s - 24);
  const m = NAME_FIELD_BEFORE.exec(text.slice(from, s));
  if (m === null) return -1;
  const at = from + m.index;
  return /[\s{,[(]/.test(text[at]!) ? at + 1 : at;
}

function siblingValue(text: string, e: number): Value | null {
  VALUE_FIELD_AFTER.lastIndex = e;
  const m = VALUE_FIELD_AFTER.exec(text);
  if (m === null) return null;
  const v = e + m[0].length;
  const c = text[v];
  if (c === '"' || c === "'") return readQuoted(text, v);
  // on a line of its own (YAML) the value runs to the end of the line; inline (HCL, JSON) to a separator
  return readBare(text, v, m[0].includes("\n"), true);
}

// the value field written before its name field: `{"value": "…", "name": "DB_PASSWORD"}` inline, or
// `- value: …` on the line above `  name: DB_PASSWORD` (YAML)
const VALUE_FIELD_INLINE = new RegExp(
  `(?:^|[\\s{,[(])["']?(?:${VALUE_FIELDS.join("|")})["']?[ \\t]{0,4}(?::|=>|=)[ \\t]{0,8}$`,
);
const VALUE_FIELD_LINE = new RegExp(
  `^([ \\t]{0,32}(?:-[ \\t]{1,4})?)["']?(?:${VALUE_FIELDS.join("|")})["']?[ \\t]{0,4}(?::|=)[ \\t]{0,8}`,
);

function siblingValueBefore(text: string, field: number): Value | null {
  let b = field;
  while (b > 0 && field - b < 16 && isSpace(text[b - 1])) b--;
  if (text[b - 1] === "\n") return valueLineAbove(text, b - 1, field - b);
  if (text[b - 1] !== ",") return null;
  b--;
  while (b > 0 && field - b < 24 && isSpace(text[b - 1])) b--;
  // the value ends at b: a quoted one at its closing quote, a bare one at the comma
  const q = text[b - 1];
  let start = b;
  let end = b;
  if (q === '"' || q === "'") {
    end = b - 1;
    start = end;
    while (start > 0 && end - start < 256 && text[start - 1] !== q && text[start - 1] !== "\n") start--;
    if (text[start - 1] !== q || start === end) return null;
    b = start - 1;
  } else {
    while (start > 0 && end - start < 256 && !/[\s:=,{[(]/.test(text[start - 1]!)) start--;
    if (start === end) return null;
    b = start;
  }
  if (!VALUE_FIELD_INLINE.test(text.slice(Math.max(0, b - 32), b))) return null;
  return { start, end, quoted: q === '"' || q === "'" };
}

/** `- value: …` on the line ending at `lineEnd`, a field of the same record as the name field (indented by `indent`). */
function valueLineAbove(text: string, lineEnd: number, indent: number): Value | null {
  const end = text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd;
  const { from: lineStart, before: line } = lineBefore(text, end);
  const m = VALUE_FIELD_LINE.exec(line);
  // a field of the name's own record: the same column, so not the last field of the record before
  if (m === null || m[1]!.length !== indent) return null;
  const v = lineStart + m[0].length;
  return text[v] === '"' || text[v] === "'" ? readQuoted(text, v) : readBare(text, v, true, true);
}

/**
 * `with password S3cretPass99`, `client_secret S3cretPass99` (a `key value` config line): a strong name
 * written in lower case, as a word or joined by `_` or `-` (not `S3cr3tPw` or `DB_PASSWORD`, which are
 * values or variables themselves; not `Bearer`, a scheme its own detector reads), then a word (not a
 * table's `|` or a list's `,`).
 */
const PLAIN_NAME = /^[a-z]+(?:[_-][a-z]+){0,3}$/;
// a card's code and a PIN are written in capitals as often as not (`Card: 4111 …, CVV 123`, `ATM PIN 4821`)
const CARD_CODE_NAME = /^(?:cv[cv]2?|csc|pin)$/i;

function wordAfterPlainName(text: string, s: number, e: number, q: number, cls: KeyClass): boolean {
  // the cheap tests first: the word before is read only for a name that is not a credential's alone
  return (
    e - s <= 32 &&
    /[A-Za-z0-9"'`]/.test(text[q] ?? "") &&
    (PLAIN_NAME.test(text.slice(s, e)) || CARD_CODE_NAME.test(text.slice(s, e))) &&
    (cls.strength === "strong" || strongWithWordBefore(text, s, e))
  );
}

const WORD_BEFORE = /(?:^|[^A-Za-z])([A-Za-z]{2,16})[ \t]$/;

/** `private key 0x…`, `wallet key …`: a generic name (`key`) that the word before it makes a credential's. */
function strongWithWordBefore(text: string, s: number, e: number): boolean {
  const word = WORD_BEFORE.exec(text.slice(Math.max(0, s - 18), s));
  return word !== null && classifyKey(`${word[1]} ${text.slice(s, e)}`)?.strength === "strong";
}

function isWord(text: string, at: number, word: string): boolean {
  return text.slice(at, at + word.length).toLowerCase() === word;
}

const PLIST_STRING = /\s{0,64}<string>/y;

/** An element's text from `at` to its closing tag, or null when it has none. */
function elementText(text: string, at: number): Value | null {
  const close = text.slice(at, at + MAX_VALUE).indexOf("</");
  return close < 0 ? null : { start: at, end: at + close, quoted: false };
}

// An FTP or POP3 session's transcript: `USER bob` on one line, `PASS …` on the next (the reply to
// USER, `331 Password required`, may stand between them)
const USER_LINE_BEFORE = /(?:^|\n)USER[ \t][^\n]{1,128}\r?\n(?:\d{3}[ -][^\n]{0,128}\r?\n)?$/;

function transcriptPassword(text: string, s: number, e: number, q: number): Value | null {
  if (text.slice(s, e) !== "PASS" || (s > 0 && text[s - 1] !== "\n")) return null;
  if (!USER_LINE_BEFORE.test(text.slice(Math.max(0, s - 300), s))) return null;
  let end = q;
  while (end < text.length && end - q < MAX_VALUE && text[end] !== "\n" && text[end] !== "\r") end++;
  return end > q ? { start: q, end, quoted: false } : null;
}

// Japanese は, Chinese 是 and 为, Korean 는 and 은: the particle after a sentence's topic, `is`
const TOPIC_PARTICLES = new Set(["は", "是", "为", "為", "는", "은"]);

/** The ASCII word after a topic particle, to the next blank or non-ASCII character (`です`). */
function particleValue(text: string, after: number): Value | null {
  let v = after;
  while (isSpace(text[v]) && v - after < 8) v++;
  let end = v;
  while (end < text.length && end - v < MAX_VALUE && text.charCodeAt(end) > 32 && text.charCodeAt(end) < 127) end++;
  end = beforeSentencePunctuation(text, v, end);
  return end > v ? { start: v, end, quoted: false, prose: true } : null;
}

/** `the password is hunter2hunter2.`: one word, quoted or bare, without the sentence's punctuation. */
function proseValue(text: string, after: number): Value | null {
  let v = after;
  while (isSpace(text[v]) && v - after < 8) v++;
  const c = text[v];
  if (c === '"' || c === "'" || c === "`") {
    const r = readQuoted(text, v);
    return r.quoted ? { ...r, prose: true } : null;
  }
  const r = readBare(text, v, false, true);
  const end = beforeSentencePunctuation(text, r.start, r.end);
  return end > r.start ? { start: r.start, end, quoted: false, prose: true } : null;
}

/** Python's and TOML's `"""…"""` (or `'''…'''`) from its opening quotes at `open`; null when it does not close. */
function readTripleQuoted(text: string, open: number): Value | null {
  const close = text.slice(open + 3, open + 3 + MAX_VALUE).indexOf(text.slice(open, open + 3));
  return close > 0 ? { start: open + 3, end: open + 3 + close, quoted: true } : null;
}

// a YAML block scalar's header: `|` or `>`, a chomping and an indentation indicator, a comment
const BLOCK_HEADER = /[|>](?:[+-]?[1-9]?|[1-9][+-])[ \t]*(?:#[^\n]*)?\r?\n/y;

/**
 * `password: |` and the lines under it indented deeper than the name's line (YAML's literal and folded
 * block scalars): from the first character of the first line to the end of the last, blank lines
 * inside kept; null when the header is not alone on its line or no line follows.
 */
function yamlBlock(text: string, name: number, header: number): Value | null {
  BLOCK_HEADER.lastIndex = header;
  if (!BLOCK_HEADER.test(text)) return null;
  const lineStart = text.lastIndexOf("\n", name - 1) + 1;
  let indent = 0;
  while (text[lineStart + indent] === " ") indent++;
  let start = -1;
  let end = -1;
  let at = BLOCK_HEADER.lastIndex;
  while (at < text.length && at - BLOCK_HEADER.lastIndex < MAX_VALUE) {
    let lineEnd = text.indexOf("\n", at);
    if (lineEnd < 0) lineEnd = text.length;
    let first = at;
    while (first < lineEnd && text[first] === " ") first++;
    const blank = first === lineEnd || (text[first] === "\r" && first + 1 === lineEnd);
    if (!blank && first - at <= indent) break;
    if (!blank) {
      if (start < 0) start = first;
      end = text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd;
    }
    at = lineEnd + 1;
  }
  return start < 0 ? null : { start, end, quoted: true };
}

/** Where a word read from a sentence ends without the sentence's punctuation after it (`hunter2hunter2.`). */
function beforeSentencePunctuation(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && ".,!?:)".includes(text[e - 1]!)) e--;
  return e;
}

// `npm config set //registry/:_authToken X`, `aws configure set aws_secret_access_key X`,
// `git config --global github.token X`, Redis's `CONFIG SET requirepass X`, Windows' `setx API_KEY X`,
// `dotnet user-secrets set "Db:Password" X`, `doppler secrets set DB_PASSWORD X`: a setting named
// like a credential, then its value. The words before the setting are read backwards, a word at a
// time, so the many names that follow none of them cost a few character tests.
// (and CI variables: `glab variable set DB_PASSWORD X`, `render env set DB_PASSWORD X`, `netlify env:set DB_PASSWORD X`)
const SETTER_WORDS = new Set(["config", "configure", "secrets", "user-secrets", "variable", "env"]);

/** The word (to a blank) ending at `end`, lower-cased, and where it starts; null at a line's start. */
function wordBefore(text: string, end: number): { word: string; start: number } | null {
  let b = end;
  while (b > 0 && end - b < 8 && isBlank(text.charCodeAt(b - 1))) b--;
  if (b === end || b === 0) return null;
  let a = b;
  while (a > 0 && b - a < 24 && !isSpaceCode(text.charCodeAt(a - 1))) a--;
  return { word: text.slice(a, b).toLowerCase(), start: a };
}

function afterSetter(text: string, t: number): boolean {
  let w = wordBefore(text, t);
  if (w === null) return false;
  if (w.word === "setx" || w.word === "env:set") return true;
  if (w.word === "set") return SETTER_WORDS.has(wordBefore(text, w.start)?.word ?? "");
  // `git config --global github.token X`: flags between
  for (let n = 0; n < 3 && w !== null && w.word.startsWith("-"); n++) w = wordBefore(text, w.start);
  return w !== null && (w.word === "config" || w.word === "configure");
}

/**
 * The value after a setting named like a credential: after a setter command, or a strong name
 * written as a lower-case word at its line's start (`requirepass X` in redis.conf; `DB_PASSWORD X`
 * names a variable, not a setting); Redis's `AUTH [user] X` too.
 */
function settingValue(text: string, s: number, e: number, cls: KeyClass): Value | null {
  // the setting is the whole token holding the name (`//registry.npmjs.org/:_authToken`, `"Db:Password"`)
  let t = s;
  while (t > 0 && s - t < 256 && !isSpaceCode(text.charCodeAt(t - 1))) t--;
  const auth = e - t === 4 && text.startsWith("AUTH", t);
  const setting =
    auth ||
    afterSetter(text, t) ||
    (cls.strength === "strong" && t === s && /^[a-z]+$/.test(text.slice(s, e)) && lineStartsWithIdent(text, t));
  if (!setting) return null;
  let end = e;
  while (end < text.length && end - e < 256 && !isSpaceCode(text.charCodeAt(end))) end++;
  let q = end;
  while (isSpace(text[q]) && q - end < 8) q++;
  if (q === end || q >= text.length || /[\r\n]/.test(text[q]!)) return null;
  // held to the prose test: `credential.helper store` and `the config set token expiry` name no credential
  let value = text[q] === '"' || text[q] === "'" ? readQuoted(text, q) : readToken(text, q);
  if (auth && !value.quoted) {
    // `AUTH default X`: with a user first, the password is the second word
    let r = value.end;
    while (isSpace(text[r]) && r - value.end < 8) r++;
    if (r > value.end && r < text.length && !/[\s|;&]/.test(text[r]!)) value = readToken(text, r);
  }
  return { ...value, prose: true };
}

// `use S3cretPass99 as the password`, `set 'X' as your new password`: the word before `as`
const AS_NAME =
  /(?:^|\s)(?:use|set|using|chose|choose|pick|picked|try|tried|enter|entered)[ \t]{1,4}(["'`]?)([^\s"'`]{1,128})\1[ \t]{1,4}as[ \t]{1,4}(?:(?:the|a|my|your|his|her|their|our|new|temporary|initial)[ \t]{1,4}){0,3}$/di;

// `S3cretPass99 is the password`, `'X' was my old password`: the word before `is`
const IS_NAME =
  /(?:^|\s)(["'`]?)([^\s"'`]{1,128})\1[ \t]{1,4}(?:is|was)[ \t]{1,4}(?:(?:the|a|my|your|his|her|their|our|new|old|temporary|initial|current|root|admin|database|db|wifi|master|default)[ \t]{1,4}){0,3}$/di;

function valueBeforeAs(text: string, s: number): Value | null {
  const near = text.slice(Math.max(0, s - 48), s);
  // most names have no `as`, `is` or `was` before them
  if (!near.includes("as ") && !near.includes("is ")) return null;
  const from = Math.max(0, s - 200);
  const before = text.slice(from, s);
  const m = AS_NAME.exec(before) ?? IS_NAME.exec(before);
  if (m === null) return null;
  const [start, end] = m.indices![2]!;
  return { start: from + start, end: from + end, quoted: m[1] !== "", prose: true };
}

// "value" == password
function reversed(text: string, s: number): Value | null {
  let i = s - 1;
  if (text[i] === '"' || text[i] === "'") return null;
  while (i >= 0 && isSpace(text[i])) i--;
  const op = /(?:===|!==|==|!=)$/.exec(text.slice(Math.max(0, i - 2), i + 1));
  if (!op) return null;
  i -= op[0].length;
  while (i >= 0 && isSpace(text[i])) i--;
  const q = text[i];
  if (q !== '"' && q !== "'") return null;
  const close = i;
  let open = close - 1;
  while (open >= 0 && close - open < MAX_VALUE && text[open] !== q && text[open] !== "\n") open--;
  if (open < 0 || text[open] !== q) return null;
  return { start: open + 1, end: close, quoted: true };
}
