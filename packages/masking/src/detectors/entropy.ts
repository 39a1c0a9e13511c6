// Long random-looking tokens with no recognisable prefix and no credential name next to them.
// The filters matter more than the threshold: UUIDs, hex digests, URL paths, file names,
// identifiers, public key material, base64 of readable text (decoded and scanned separately),
// placeholders, and values whose name says what they are (`version=…`, `csrf_token=…`) are all
// long and "high entropy" without being credentials.
import { classifyKey } from "../key-names";
import { base64Runs } from "../text-runs";
import {
  charClasses,
  hasFiller,
  isHex,
  isPlaceholder,
  isSpaceCode,
  isUuid,
  looksRandom,
  looksWordy,
  shannonEntropy,
} from "../text-stats";
import type { Detector, Match } from "./types";

const HASH_PREFIX =
  /(?:sha(?:1|224|256|384|512)?|md5|commit|integrity|checksum|digest|etag|rev|hash)[\s:=@"'\\-]{0,5}(?:W\/[\\"]{0,2})?$/i;
// Things that are not secrets by what they are, whatever their entropy: an AWS resource name
// (`arn:aws:iam::123456789012:role/…`), the body of an image, font or media data URI, an OpenSSH
// public key (`ssh-ed25519 AAAA…`, as found in authorized_keys and known_hosts).
const NOT_SECRET_BEFORE =
  /(?:\barn:aws[\w-]{0,12}:[\w-]{1,64}:[\w-]{0,32}:\d{0,12}:[^\s"'`]{0,200}|data:(?:image|font|audio|video)\/[\w.+-]{1,64}(?:;[\w=.-]{1,64}){0,3};base64,|\b(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d{3}|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) )$/;
// `name = `, `name: `, `"name": "`, `name="` right before the token
const NAMED = /([A-Za-z_][\w.-]{0,63})["']?\s{0,4}(?::=|=>|[:=])\s{0,4}["'`]?$/;
// The longest text NAMED can match (64 + 1 + 4 + 2 + 4 + 1): an end-anchored pattern is tried from
// every start, so it reads only this much.
const NAMED_REACH = 76;

/** The name assigned the token at `start` (`name = `, `"name": "`), or null when none is. */
function assignedName(text: string, start: number): string | null {
  // what must come right before the token (a quote, spaces, then `:`, `=` or `>`), checked first:
  // most tokens have none of it, and then the pattern need not run at all
  let i = start - 1;
  const q = text.charCodeAt(i);
  if (q === 34 || q === 39 || q === 96) i--;
  while (i >= 0 && start - i <= 6 && isSpaceCode(text.charCodeAt(i))) i--;
  const op = text.charCodeAt(i);
  if (op !== 58 && op !== 61 && op !== 62) return null;
  return NAMED.exec(text.slice(Math.max(0, start - NAMED_REACH), start))?.[1] ?? null;
}
// Public material and ciphertext: what follows these lines is meant to be shared (an encrypted
// PGP message, as SOPS stores its data key, is only readable with a private key found elsewhere).
const PUBLIC_BLOCK = /-----BEGIN (?:PGP PUBLIC KEY BLOCK|PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE|PGP MESSAGE)-----/;
// A SOPS-encrypted value: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]` is ciphertext by design.
const SOPS_VALUE = /ENC\[AES256_GCM,(?:data|iv|tag):[A-Za-z0-9+/=]{0,1024}(?:,(?:iv|tag):[A-Za-z0-9+/=]{0,64}){0,2}$/;

function decodesToText(token: string): boolean {
  if (token.length % 4 === 1) return false;
  const bytes = Buffer.from(token, token.includes("-") || token.includes("_") ? "base64url" : "base64");
  if (bytes.length < 12) return false;
  let printable = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) printable++;
  }
  return printable / bytes.length > 0.95;
}

/** Where `token` ends without its trailing `-`, `_` and `/` (a `/[-_/]+$/` is quadratic in them). */
function trimmedEnd(token: string): number {
  let end = token.length;
  for (let c = token.charCodeAt(end - 1); c === 45 || c === 95 || c === 47; c = token.charCodeAt(end - 1)) end--;
  return end;
}

export function isGenericSecret(token: string): boolean {
  const c = charClasses(token);
  if (c.digit === 0 || c.upper === 0 || c.lower === 0) return false;
  if (isUuid(token) || isHex(token) || isPlaceholder(token) || hasFiller(token)) return false;
  // mostly lower-case words (`qqz_gardenPlant51_window`): written by a person
  if (looksWordy(token)) return false;
  if (!looksRandom(token, 24)) return false;
  const threshold = Math.min(4.2, Math.log2(token.length) - 0.7);
  return shannonEntropy(token) >= threshold && !decodesToText(token);
}

// What can stand right beside a dot when the dot only ends a sentence or a quoted word. A second
// dot is an ellipsis: text elided after a token does not make the visible part any less secret.
const NOT_GLUE = new Set([..." \t\r\n\"'`,;=:([{<>."].map((c) => c.charCodeAt(0)));

// One part of a dotted compound (`a1b2.c3d4.e5f6`, `{…}.{…}.sig`): a host name, a module path, or a
// structured token (JWT, Discord, SendGrid …) whose own rule checks the structure. A part joined
// to a neighbour by a dot is not read as a secret on its own; a sentence's full stop joins nothing.
function dottedPart(text: string, start: number, end: number): boolean {
  if (gluedByDot(text, end, end + 1)) return true;
  return gluedByDot(text, start - 1, start - 2) && !vendorPrefix(text, start - 1);
}

// `hvs.CAES…`, `s.Xy…` (Vault): a short word of letters before the dot, at the start of the token, is a
// vendor's prefix, not a host or module part (`api.…`, `com.example.…` have a part after them too).
function vendorPrefix(text: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && dot - i < 5 && /[a-z]/.test(text[i - 1]!)) i--;
  return i < dot && dot - i <= 4 && (i === 0 || !/[\w.-]/.test(text[i - 1]!));
}

/** Whether a dot at `dot` joins the token to the character at `far` (beyond the dot). */
function gluedByDot(text: string, dot: number, far: number): boolean {
  return text.charCodeAt(dot) === 46 && far >= 0 && far < text.length && !NOT_GLUE.has(text.charCodeAt(far));
}

// Host and path of a URL are addresses, not credentials (known webhook shapes have their own rules).
function inUrlPath(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf("\n", start) + 1;
  const before = text.slice(Math.max(lineStart, start - 512), start);
  const url = before.lastIndexOf("://");
  return url >= 0 && !/[\s"'<>?#]/.test(before.slice(url));
}

function insideSecret(matches: Match[], count: number, start: number, end: number): boolean {
  for (let i = 0; i < count; i++) {
    const m = matches[i]!;
    if (m.category === "secret" && m.start <= start && m.end >= end) return true;
  }
  return false;
}

export const entropyDetector: Detector = {
  name: "entropy",
  category: "secret",
  applies: (p) => p.longestWord >= 24 && p.digits > 0,
  scan(text, out) {
    if (text.length < 24) return;
    // found the first time a token gets that far
    let publicBlock: RegExpExecArray | null | undefined;
    // matches the detectors before this one found (when `out` holds them): a token inside a
    // credential already found adds nothing, whatever it scores
    const found = out.length;
    const runs = base64Runs(text, 24);
    for (let r = 0; r < runs.length; r += 2) {
      const runStart = runs[r]!;
      const runEnd = runs[r + 1]!;
      if (runEnd - runStart > 1024) continue;
      let token = text.slice(runStart, runEnd);
      let start = runStart;
      while (token.length > 0 && /[-_/+]/.test(token[0]!)) {
        token = token.slice(1);
        start++;
      }
      token = token.slice(0, trimmedEnd(token));
      const end = start + token.length;
      if (token.length < 24 || insideSecret(out, found, start, end) || !isGenericSecret(token)) continue;
      const before = text.slice(Math.max(0, start - 240), start);
      if (HASH_PREFIX.test(before.slice(-18)) || NOT_SECRET_BEFORE.test(before.slice(-240))) continue;
      const name = assignedName(text, start);
      if (name !== null && classifyKey(name) === null) continue;
      if (publicBlock === undefined) publicBlock = PUBLIC_BLOCK.exec(text);
      if (publicBlock && publicBlock.index < start) continue;
      if (SOPS_VALUE.test(text.slice(Math.max(0, start - 1100), start))) continue;
      if (inUrlPath(text, start)) continue;
      if (dottedPart(text, start, end)) continue;
      if (/^pk_(?:live|test)_/.test(token)) continue; // publishable keys are public by design
      if (/^\.[A-Za-z0-9]{2,4}\b/.test(text.slice(end, end + 6))) continue; // a file name
      out.push({ start, end, type: "generic_secret", detector: "entropy", category: "secret" });
    }
  },
};
