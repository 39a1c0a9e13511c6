// Credentials recognised by their surroundings rather than their shape: PEM/PGP private key
// blocks, user:password in URLs, Authorization headers, `curl -u`, and the data of a Kubernetes Secret.
import { lowerSameLength } from "../text-runs";
import { isPlaceholder, looksRandom } from "../text-stats";
import { includesPair } from "./punctuation";
import { startsWithFolded, wordHits } from "./text-starts";
import type { Detector, Match } from "./types";

const TEMPLATE_START = /^[{<[$%]|^\*+$/;

function push(out: Match[], start: number, end: number, type: string, detector: string): void {
  if (end > start) out.push({ start, end, type, detector, category: "secret" });
}

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?)-----/g;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;

export const privateKeyDetector: Detector = {
  name: "private_key",
  category: "secret",
  applies: (p) => p.length >= 64,
  scan(text, out) {
    if (!text.includes("PRIVATE KEY") && !text.includes("PuTTY-User-Key-File")) return;
    PEM_BEGIN.lastIndex = 0;
    let nextEnd = text.indexOf("-----END ");
    for (let m = PEM_BEGIN.exec(text); m !== null; m = PEM_BEGIN.exec(text)) {
      const bodyStart = m.index + m[0].length;
      const endMarker = `-----END ${m[1]}-----`;
      // one forward pointer to the next END line keeps repeated BEGIN lines linear
      if (nextEnd >= 0 && nextEnd < bodyStart) nextEnd = text.indexOf("-----END ", bodyStart);
      const endAt = nextEnd >= 0 && text.startsWith(endMarker, nextEnd) ? nextEnd : -1;
      const limit = endAt >= 0 && endAt - bodyStart < 65536 ? endAt : -1;
      let bodyEnd = limit;
      if (bodyEnd < 0) {
        // No END line: mask the base64 run that follows, so a truncated key still never shows.
        bodyEnd = bodyStart;
        while (bodyEnd < text.length && bodyEnd - bodyStart < 65536) {
          const c = text[bodyEnd]!;
          if (BASE64_CHAR.test(c) || c === "\n" || c === "\r" || c === " " || c === "\\" || c === ":" || c === "-")
            bodyEnd++;
          else break;
        }
      }
      let b64 = 0;
      for (let i = bodyStart; i < bodyEnd; i++) if (BASE64_CHAR.test(text[i]!)) b64++;
      if (b64 < 32) continue;
      const end = limit >= 0 ? limit + endMarker.length : bodyEnd;
      push(out, m.index, end, "private_key", "private_key");
      PEM_BEGIN.lastIndex = end;
    }
    const putty = text.indexOf("Private-Lines:");
    if (putty >= 0) {
      let end = putty;
      while (end < text.length && end - putty < 65536 && !text.startsWith("Private-MAC", end)) end++;
      push(out, putty, end, "private_key", "private_key");
    }
  },
};

// scheme://user:password@host — the whole userinfo is masked: usernames in URLs are often tokens.
export const urlCredentialsDetector: Detector = {
  name: "url_credentials",
  category: "secret",
  applies: (p) => p.at > 0 && p.colons > 0,
  scan(text, out) {
    let from = 0;
    for (let at = text.indexOf("://", from); at >= 0; at = text.indexOf("://", from)) {
      from = at + 3;
      if (at === 0 || !/[A-Za-z0-9+.-]/.test(text[at - 1]!)) continue;
      const start = at + 3;
      let i = start;
      let colon = -1;
      while (i < text.length && i - start < 512) {
        const c = text[i]!;
        if (c === "@" || /[\s/?#'"<>\\`]/.test(c)) break;
        if (c === ":" && colon < 0) colon = i;
        i++;
      }
      if (text[i] !== "@" || i === start) continue;
      if (!/[A-Za-z0-9[_-]/.test(text[i + 1] ?? "")) continue;
      const user = text.slice(start, colon >= 0 ? colon : i);
      const password = colon >= 0 ? text.slice(colon + 1, i) : "";
      if (colon >= 0) {
        if (password.length === 0 || TEMPLATE_START.test(password) || /^[xX*]+$/.test(password)) continue;
      } else if (!looksRandom(user, 16)) continue;
      if (user.startsWith("$") || user.startsWith("{") || user.startsWith("<")) {
        if (TEMPLATE_START.test(password)) continue;
      }
      push(out, start, i, "url_credentials", "url_credentials");
      from = i;
    }
  },
};

const AUTH_HEADER_SOURCE =
  "authori[sz]ation\\b[\"']?\\s{0,8}[:=]\\s{0,8}[\"']?\\s{0,8}(?:(?:bearer|basic|token|digest|negotiate|ntlm|api-?token|api-?key|sso-key|ssws|oauth|bot|key|hmac|aws4-hmac-sha256|splunk|gcm|dsn)\\s{1,8})?([^\\s\"'`,;]{4,4096})";
const AUTH_SCHEME_WORD =
  /^(?:bearer|basic|token|digest|negotiate|ntlm|api-?token|api-?key|sso-key|ssws|oauth|bot|key|hmac|splunk|gcm|dsn)$/i;
const BEARER_SOURCE = "(?:bearer|basic)\\s{1,8}([A-Za-z0-9+/=._~-]{8,4096})";
// Sticky: tried only where indexOf (on a lower-cased copy) finds the leading word, which finds the
// same matches as a scan of the whole text at a fraction of the cost. The i-flag versions are the
// fallback for texts whose lower-cased copy changes length; the leading word boundary is checked in code.
const AUTH_HEADER = new RegExp(AUTH_HEADER_SOURCE, "y");
const AUTH_HEADER_I = new RegExp(AUTH_HEADER_SOURCE, "iy");
const BEARER = new RegExp(BEARER_SOURCE, "y");
const BEARER_I = new RegExp(BEARER_SOURCE, "iy");

/**
 * Sorted positions of `words` in `text`, each a possible start of a match: found with indexOf in
 * the lower-cased copy, or (when lower-casing changes the length) with a case-insensitive search.
 */
function positions(text: string, lower: string | null, words: string[]): number[] {
  const out: number[] = [];
  if (lower === null) {
    const re = new RegExp(words.join("|"), "gi");
    for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m.index);
    return out;
  }
  for (const w of words) {
    // searched without the first letter when it is a common one ("a" of "authori"): the search
    // skips ahead on its first character, and a rarer one skips further
    const skip = w.charCodeAt(0) === 97 ? 1 : 0;
    const rest = skip ? w.slice(1) : w;
    for (let i = lower.indexOf(rest, skip); i >= 0; i = lower.indexOf(rest, i + 1)) {
      if (skip === 0 || lower.charCodeAt(i - 1) === 97) out.push(i - skip);
    }
  }
  return words.length > 1 ? out.sort((a, b) => a - b) : out;
}

/** Sticky matches of `re` at `starts` in order, never overlapping (as a global scan would find). */
function* stickyMatches(re: RegExp, hay: string, starts: number[]): Generator<RegExpExecArray> {
  let done = 0;
  for (const at of starts) {
    if (at < done) continue;
    re.lastIndex = at;
    const m = re.exec(hay);
    if (!m) continue;
    done = at + m[0].length;
    yield m;
  }
}

function basicCredentials(value: string): boolean {
  try {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    return /^[\x20-\x7e]{1,256}:[\x20-\x7e]{0,256}$/.test(decoded);
  } catch {
    return false;
  }
}

export const authHeaderDetector: Detector = {
  name: "auth_header",
  category: "secret",
  applies: (p) => p.longestWord >= 4 && p.letters >= 9,
  scan(text, out) {
    let hay = text;
    let header = AUTH_HEADER_I;
    let bearer = BEARER_I;
    let headerStarts: number[];
    let schemeStarts: number[];
    const words = wordHits(text);
    if (words !== null) {
      // an ASCII text the profile pass has read: it listed where the words may start
      headerStarts = words.filter((p) => startsWithFolded(text, p, "authori"));
      schemeStarts = words.filter((p) => startsWithFolded(text, p, "bearer") || startsWithFolded(text, p, "basic"));
    } else {
      // the lower-cased copy (shared with the keyword detector) is searched directly; without one, plain
      // includes first: a case-insensitive regex gate costs more than the scan it guards
      const lower = lowerSameLength(text);
      if (lower === null && !["uth", "UTH", "earer", "EARER", "asic", "ASIC"].some((w) => text.includes(w))) return;
      if (lower !== null) {
        hay = lower;
        header = AUTH_HEADER;
        bearer = BEARER;
      }
      headerStarts = positions(text, lower, ["authori"]);
      schemeStarts = positions(text, lower, ["bearer", "basic"]);
    }
    for (const m of stickyMatches(header, hay, headerStarts)) {
      if (m.index > 0 && /[a-z0-9_]/i.test(hay[m.index - 1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      const value = text.slice(start, m.index + m[0].length);
      // `Authorization: Basic …` with the credentials elided: the scheme is not the value
      if (TEMPLATE_START.test(value) || AUTH_SCHEME_WORD.test(value) || isPlaceholder(value)) continue;
      push(out, start, start + value.length, "authorization", "auth_header");
    }
    for (const m of stickyMatches(bearer, hay, schemeStarts)) {
      if (m.index > 0 && /[a-z0-9_]/i.test(hay[m.index - 1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      const value = text.slice(start, m.index + m[0].length);
      const basic = hay.startsWith("basic", m.index) || hay.startsWith("BASIC", m.index) || /^basic/i.test(m[0]);
      const ok = basic
        ? basicCredentials(value) || looksRandom(value, 16)
        : value.startsWith("ey") || looksRandom(value, 8);
      if (!ok || isPlaceholder(value)) continue;
      push(out, start, start + value.length, "authorization", "auth_header");
    }
  },
};

const CURL_USER =
  /(?:^|\s)(?:-u|--user)(?:\s{1,5}|=)((?:"[^"\n]{0,256}"|'[^'\n]{0,256}'|[^\s"':]{1,256})(?::(?:"[^"\n]{0,256}"|'[^'\n]{0,256}'|[^\s"']{0,256}))?)/g;
const WEAK_PASSWORDS = /^(?:pass|password|passwd|pwd|token|secret|test|user|username|key|apikey|api_key|changeme)$/i;

function templatePart(part: string): boolean {
  if (/\$\{|\$\(|\{\{|^\$[A-Za-z_]|^%|^<.*>$|^\[.*\]$/.test(part)) return true;
  const braced = /^\{(.*)\}$/.exec(part);
  return braced !== null && !looksRandom(braced[1]!, 8);
}

// `curl -u user:password` (and wget/httpie style --user).
export const cliCredentialsDetector: Detector = {
  name: "cli_credentials",
  category: "secret",
  applies: (p) => p.dashes > 0 && p.colons > 0,
  scan(text, out) {
    // "--user" holds "-u" too
    if (!includesPair(text, "-u")) return;
    CURL_USER.lastIndex = 0;
    for (let m = CURL_USER.exec(text); m !== null; m = CURL_USER.exec(text)) {
      const raw = m[1]!;
      const start = m.index + m[0].length - raw.length;
      const value = raw.replace(/["']/g, "");
      const colon = value.indexOf(":");
      if (colon < 0) continue;
      const user = value.slice(0, colon);
      const password = value.slice(colon + 1);
      if (templatePart(value) || [user, password].some((p) => p.length > 0 && templatePart(p))) continue;
      if (password.length > 0 && (WEAK_PASSWORDS.test(password) || password === user || isPlaceholder(password)))
        continue;
      if (password.length === 0 && user.length < 6) continue;
      push(out, start, start + raw.length, "credential", "cli_credentials");
    }
  },
};

// A Kubernetes Secret manifest in YAML text: every value under `data:`/`stringData:` is secret material.
// What ends a line for `.` and `$`, besides the `\n` lines are split on.
const LINE_BREAK = /[\r\u2028\u2029]/;

export const kubernetesSecretDetector: Detector = {
  name: "kubernetes_secret",
  category: "secret",
  applies: (p) => p.colons >= 2 && p.length >= 24,
  scan(text, out) {
    // no "kind:" in any case, no manifest (a plain search costs less than the regex)
    const words = wordHits(text);
    if (words !== null) {
      if (!words.some((p) => startsWithFolded(text, p, "kind:"))) return;
    } else {
      const lower = lowerSameLength(text);
      if (lower !== null && !lower.includes("kind:")) return;
    }
    if (!/kind:\s{0,4}["']?secret["']?\s*$/im.test(text)) return;
    const lines = text.split("\n");
    // Each YAML document decides for itself whether it is a Secret.
    const secretDoc: boolean[] = [];
    let doc = 0;
    for (const line of lines) {
      if (/^---/.test(line)) doc++;
      if (/^\s*kind:\s{0,4}["']?secret["']?\s*$/i.test(line)) secretDoc[doc] = true;
    }
    let offset = 0;
    let blockIndent = -1;
    doc = 0;
    for (const line of lines) {
      const lineStart = offset;
      offset += line.length + 1;
      if (/^---/.test(line)) {
        doc++;
        blockIndent = -1;
      }
      if (!secretDoc[doc]) continue;
      const indent = line.length - line.trimStart().length;
      const trimmed = line.trim();
      if (/^(?:data|stringData):\s*$/.test(trimmed)) {
        blockIndent = indent;
        continue;
      }
      if (blockIndent < 0 || trimmed.length === 0 || trimmed.startsWith("#")) continue;
      if (indent <= blockIndent) {
        blockIndent = -1;
        continue;
      }
      // `.` stops at a carriage return (CRLF files) and the pattern can then never match, but it would
      // first give back the spaces after the colon one by one: quadratic in them
      const kv = LINE_BREAK.test(line) ? null : /^[\t ]*["']?[\w.-]{1,253}["']?:[\t ]*(.*)$/.exec(line);
      const value = (kv ? kv[1]! : trimmed).replace(/^["']|["']$/g, "");
      if (value.length < 10 || /^\{\{.*\}\}$/.test(value)) continue;
      const at = line.lastIndexOf(value);
      push(out, lineStart + at, lineStart + at + value.length, "kubernetes_secret", "kubernetes_secret");
    }
  },
};
