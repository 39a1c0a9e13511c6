// Contact and network identifiers: email, phone, IP and MAC addresses.
import { digitRuns } from "../text-runs";
import { isDigitCode, isWordCode } from "../text-stats";
import { eachPosition } from "./punctuation";
import type { Detector, Match } from "./types";

function push(out: Match[], start: number, end: number, type: string, detector = type): void {
  out.push({ start, end, type, detector, category: "pii" });
}

// Character tables for the expansion around "@" (a regex test per character costs more than the scan).
const LOCAL_CHAR = new Uint8Array(128);
const DOMAIN_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (alnum || c === 46 || c === 45) DOMAIN_CHAR[c] = 1;
  if (alnum || c === 46 || c === 45 || c === 95 || c === 37 || c === 43) LOCAL_CHAR[c] = 1;
}
const TLD = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
const isLocalChar = (c: number) => c < 128 && LOCAL_CHAR[c] === 1;
const isDomainChar = (c: number) => c < 128 && DOMAIN_CHAR[c] === 1;

// Found by expanding around each "@" instead of a regex, which would retry the local part at every position.
export const emailDetector: Detector = {
  name: "email",
  category: "pii",
  applies: (p) => p.at > 0,
  scan(text, out) {
    eachPosition(text, "@", (at) => {
      let s = at;
      while (s > 0 && at - s < 64 && isLocalChar(text.charCodeAt(s - 1))) s--;
      while (s < at && text.charCodeAt(s) === 46) s++;
      let e = at + 1;
      while (e < text.length && e - at < 254 && isDomainChar(text.charCodeAt(e))) e++;
      while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
      if (s === at || e === at + 1) return at + 1;
      // two or more labels of 1..63 characters, read in place
      let labels = 1;
      let labelStart = at + 1;
      let ok = true;
      for (let i = at + 1; i <= e && ok; i++) {
        if (i < e && text.charCodeAt(i) !== 46) continue;
        if (i === labelStart || i - labelStart > 63) ok = false;
        else if (i < e) {
          labels++;
          labelStart = i + 1;
        }
      }
      if (!ok || labels < 2) return at + 1;
      if (!TLD.test(text.slice(labelStart, e))) return at + 1;
      // git@github.com:org/repo is an SSH remote, not a mailbox.
      if (text[e] === ":" && /[A-Za-z0-9~]/.test(text[e + 1] ?? "") && text.slice(s, at) === "git") return at + 1;
      push(out, s, e, "email");
      return e;
    });
  },
};

// Candidate digit runs with phone punctuation; validated below by shape.
// Sticky: a number starts at most four characters (`+  (`) before the run of digits it starts
// with, so the pattern is tried only there, at the runs the text profile already recorded.
const PHONE_CANDIDATE = /(?<![\w+.\-/])(?:\+\s{0,2})?\(?\d[\d \-.()]{5,22}\d(?![\w\-/]|\.\d)/y;

function phoneValid(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  const hasPlus = candidate.startsWith("+");
  if (hasPlus) return digits.length >= 8 && digits.length <= 15 && /^\+\s{0,2}[1-9]/.test(candidate);
  if (/^\d+$/.test(candidate)) return /^1[3-9]\d{9}$/.test(candidate);
  if ((candidate.match(/\(/g)?.length ?? 0) !== (candidate.match(/\)/g)?.length ?? 0)) return false;
  // dates, versions and IPs use the same characters
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(candidate)) return false;
  if (
    /^\d{1,3}(?:\.\d{1,3}){3}$/.test(candidate) ||
    (/^\d+(?:\.\d+)+$/.test(candidate) && !/^\d{3}\.\d{3}\.\d{4}$/.test(candidate))
  )
    return false;
  if (/\.\d{1,2}$/.test(candidate) && !/\d{3,}[ .-]\d{2}$/.test(candidate)) return false;
  // North American: (415) 555-0132, 415-555-0132, 415.555.0132
  if (/^(?:1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}$/.test(candidate)) return true;
  // National trunk prefix 0: 090-1234-5678, 09-7625400, 020 7123 4567, 01 42 68 53 00
  if (/^\(?0\d{1,4}\)?(?:[ .-]\d{2,8}){1,4}$/.test(candidate)) return digits.length >= 9 && digits.length <= 12;
  // country code without +: 91-415-555-0132
  if (/^\d{1,3}[ .-][2-9]\d{2}[ .-]\d{3}[ .-]\d{4}$/.test(candidate)) return true;
  return false;
}

const GLUED_BEFORE_PHONE = new Uint8Array(128);
for (const c of "_.-/") GLUED_BEFORE_PHONE[c.charCodeAt(0)] = 1;
for (let c = 65; c <= 90; c++) GLUED_BEFORE_PHONE[c] = GLUED_BEFORE_PHONE[c + 32] = 1;

/**
 * Whether a candidate starting with the digits at `at` can end (on a digit the pattern's lookahead
 * accepts) after at least 8 digits, within the 24 characters a candidate spans: every number
 * `phoneValid` accepts has more. Dates and times in log lines (`2024-05-01T10:00`) fail here.
 */
function eightDigits(text: string, at: number): boolean {
  let digits = 0;
  for (let i = at; i < text.length && i - at < 24; i++) {
    const c = text.charCodeAt(i);
    if (isDigitCode(c)) {
      if (++digits < 8) continue;
      if (i + 1 >= text.length) return true;
      const next = text.charCodeAt(i + 1);
      if (isWordCode(next) || next === 45 || next === 47) continue;
      if (next === 46 && i + 2 < text.length && isDigitCode(text.charCodeAt(i + 2))) continue;
      return true;
    } else if (c !== 32 && c !== 45 && c !== 46 && c !== 40 && c !== 41) return false;
  }
  return false;
}

export const phoneDetector: Detector = {
  name: "phone",
  category: "pii",
  applies: (p) => p.digits >= 7,
  scan(text, out) {
    const runs = digitRuns(text);
    let done = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const run = runs[r]!;
      if (run + runs[r + 1]! <= done) continue;
      // glued to a word, a path or a dotted number: nothing before the digits can start a number
      // (only "+", "(" and spaces can) and the pattern's look-behind rejects the digits themselves
      if (run > 0 && GLUED_BEFORE_PHONE[text.charCodeAt(run - 1)] === 1) {
        done = Math.max(done, run + 1);
        continue;
      }
      if (!eightDigits(text, run)) continue;
      let m: RegExpExecArray | null = null;
      for (let q = Math.max(done, run - 4); q <= run && m === null; q++) {
        const c = text.charCodeAt(q);
        if (q < run && c !== 43 && c !== 40) continue; // only "+" or "(" can come before the digits
        PHONE_CANDIDATE.lastIndex = q;
        m = PHONE_CANDIDATE.exec(text);
      }
      done = Math.max(done, run + 1);
      if (m === null) continue;
      done = m.index + m[0].length;
      let candidate = m[0];
      let start = m.index;
      // a leading "(" that is not part of an area code is context, not the number
      if (candidate.startsWith("(") && !/^\(\d{1,4}\)/.test(candidate)) {
        candidate = candidate.slice(1);
        start++;
      }
      if (phoneValid(candidate)) push(out, start, start + candidate.length, "phone");
      else {
        // "is415-555-0132": also try the North American tail of a longer run
        const tail = /(?:\(?[2-9]\d{2}\)?[ .-]?)\d{3}[ .-]\d{4}$/.exec(candidate);
        if (tail && tail.index > 0 && /[ .-]/.test(candidate[tail.index - 1]!)) {
          push(out, start + tail.index, start + candidate.length, "phone");
        }
      }
    }
  },
};

const IPV4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
// Sticky: an address starts where a run of one to three digits followed by "." starts.
const IPV4 = new RegExp(
  `(?<![\\w.])${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}(?:/(?:3[0-2]|[12]?\\d)(?!\\d))?(?![\\w]|\\.\\d{1,3}\\.)`,
  "y",
);
const IPV6_CANDIDATE =
  /(?<![\w:.%])(?:[0-9A-Fa-f]{1,4})?(?::[0-9A-Fa-f]{0,4}){1,8}(?:\.\d{1,3}){0,3}(?:%[A-Za-z0-9]{1,16})?(?:\/\d{1,3})?/y;

function ipv4Valid(s: string): boolean {
  const parts = s.split(".");
  return (
    parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p[0] === "0"))
  );
}

function ipv6Valid(addr: string): boolean {
  let s = addr;
  const lastColon = s.lastIndexOf(":");
  const tail = s.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (!ipv4Valid(tail)) return false;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const double = s.indexOf("::");
  if (double !== s.lastIndexOf("::")) return false;
  if (double < 0) return hexGroups(s, 0, s.length) === 8;
  const head = double === 0 ? 0 : hexGroups(s, 0, double);
  const rest = double + 2 === s.length ? 0 : hexGroups(s, double + 2, s.length);
  return head >= 0 && rest >= 0 && head + rest <= 7;
}

/** How many groups of one to four hex digits, joined by single colons, `s` holds from `from` to `to`; -1 if it is not that. */
function hexGroups(s: string, from: number, to: number): number {
  let groups = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) {
      if (digits === 0) return -1;
      groups++;
      digits = 0;
    } else if (!isHexDigit(c) || ++digits > 4) return -1;
  }
  return digits === 0 ? -1 : groups + 1;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export const ipDetector: Detector = {
  name: "ip_address",
  category: "pii",
  applies: (p) => (p.digits >= 4 && p.dots >= 3) || p.colons >= 2,
  scan(text, out) {
    if (text.includes(".")) {
      const runs = digitRuns(text);
      let done = 0;
      for (let r = 0; r < runs.length; r += 2) {
        const at = runs[r]!;
        if (at < done || runs[r + 1]! > 3 || text.charCodeAt(at + runs[r + 1]!) !== 46) continue;
        IPV4.lastIndex = at;
        const m = IPV4.exec(text);
        if (m === null) continue;
        done = at + m[0].length;
        push(out, m.index, m.index + m[0].length, "ip_address");
      }
    }
    // every address has two colons: expand around each colon to its run of address characters
    eachPosition(text, ":", (c) => {
      let s = c;
      while (s > 0 && c - s < 64 && isIpv6Char(text.charCodeAt(s - 1))) s--;
      let e = c + 1;
      let colons = 1;
      let doubleColon = false;
      while (e < text.length && e - c < 64 && isIpv6Char(text.charCodeAt(e))) {
        if (text.charCodeAt(e) === 58) {
          colons++;
          if (text.charCodeAt(e - 1) === 58) doubleColon = true;
        }
        e++;
      }
      // an address has "::" or all its groups (seven colons, six before an IPv4 tail); a time
      // (`10:07:00`) has neither. A run cut at 64 characters may hold more than was counted.
      const whole = c - s < 64 && e - c < 64;
      if (colons >= 2 && (doubleColon || colons >= 6 || !whole)) scanIpv6(text, s, out);
      return e + 1;
    });
  },
};

const isIpv6Char = (c: number) =>
  (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46 || c === 37 || c === 47;

// Addresses start where a run of address characters starts; one sticky attempt per run.
function scanIpv6(text: string, from: number, out: Match[]): void {
  IPV6_CANDIDATE.lastIndex = from;
  const m = IPV6_CANDIDATE.exec(text);
  if (!m) return;
  let cand = m[0];
  if (cand.length < 2 || !cand.includes(":")) return;
  let prefix = "";
  const slash = cand.indexOf("/");
  if (slash >= 0) {
    prefix = cand.slice(slash);
    cand = cand.slice(0, slash);
    // "/9999" is not a prefix length: the address stands alone
    if (Number(prefix.slice(1)) > 128 || /\d/.test(text[m.index + m[0].length] ?? "")) prefix = "";
  }
  const next = text[m.index + (prefix ? m[0].length : cand.length)];
  if (next !== undefined && /[\w]/.test(next) && !(prefix === "" && slash >= 0)) return;
  if (cand === "::" && next === "=") return; // the ::= operator
  let zone = "";
  const pct = cand.indexOf("%");
  if (pct >= 0) {
    zone = cand.slice(pct);
    cand = cand.slice(0, pct);
  }
  // trailing ":" belongs to a port or a sentence, not the address
  if (cand.endsWith(":") && !cand.endsWith("::")) cand = cand.slice(0, -1);
  if (cand.indexOf(":") === cand.lastIndexOf(":") || !ipv6Valid(cand)) return;
  // `::add-mask::`, `dead::beef`: words of hex letters beside a colon pair, not an address (`::` is one)
  if (/[A-Fa-f]/.test(cand) && !/\d/.test(cand) && cand.split(":").filter(Boolean).length < 3) return;
  push(out, m.index, m.index + cand.length + zone.length + prefix.length, "ip_address");
}

const MAC =
  /(?<![0-9A-Fa-f:.-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![0-9A-Fa-f]|[:-][0-9A-Fa-f])/y;

/** Whether `code` occurs `count` times from `at` on, `stride` characters apart. */
function repeatsAtStride(text: string, at: number, code: number, stride: number, count: number): boolean {
  for (let k = 1; k < count; k++) if (text.charCodeAt(at + k * stride) !== code) return false;
  return true;
}

export const macDetector: Detector = {
  name: "mac_address",
  category: "pii",
  applies: (p) => p.colons >= 5 || p.dashes >= 5 || p.dots >= 2,
  scan(text, out) {
    if (!text.includes(":") && !text.includes("-") && !text.includes(".")) return;
    // a MAC has all its separators (five, or two dots) at a fixed stride; only such spots get a
    // (sticky) regex attempt: times (`10:07:00`) and dates (`2024-05-01`) have two
    for (const [sep, stride, count] of [
      [":", 3, 5],
      ["-", 3, 5],
      [".", 5, 2],
    ] as const) {
      const code = sep.charCodeAt(0);
      eachPosition(text, sep, (i) => {
        const start = i - (stride - 1);
        if (start < 0 || !repeatsAtStride(text, i, code, stride, count)) return i + 1;
        MAC.lastIndex = start;
        const m = MAC.exec(text);
        if (!m) return i + 1;
        const hex = m[0].replace(/[:.-]/g, "").toLowerCase();
        if (!/^(.)\1+$/.test(hex)) push(out, start, start + m[0].length, "mac_address");
        return start + m[0].length;
      });
    }
  },
};
