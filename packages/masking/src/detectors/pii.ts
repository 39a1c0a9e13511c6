// Contact and network identifiers: email, phone, IP and MAC addresses.
import type { Detector, Match } from "./types";

function push(out: Match[], start: number, end: number, type: string, detector = type): void {
  out.push({ start, end, type, detector, category: "pii" });
}

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;

// Found by expanding around each "@" instead of a regex, which would retry the local part at every position.
export const emailDetector: Detector = {
  name: "email",
  category: "pii",
  applies: (p) => p.at > 0,
  scan(text, out) {
    let from = 0;
    for (let at = text.indexOf("@", from); at >= 0; at = text.indexOf("@", from)) {
      from = at + 1;
      let s = at;
      while (s > 0 && at - s < 64 && LOCAL_CHAR.test(text[s - 1]!)) s--;
      while (s < at && text[s] === ".") s++;
      let e = at + 1;
      while (e < text.length && e - at < 254 && DOMAIN_CHAR.test(text[e]!)) e++;
      while (e > at + 1 && (text[e - 1] === "." || text[e - 1] === "-")) e--;
      if (s === at || e === at + 1) continue;
      const domain = text.slice(at + 1, e);
      const labels = domain.split(".");
      const tld = labels[labels.length - 1]!;
      if (labels.length < 2 || labels.some((l) => l.length === 0 || l.length > 63)) continue;
      if (!/^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/.test(tld)) continue;
      // git@github.com:org/repo is an SSH remote, not a mailbox.
      if (text[e] === ":" && /[A-Za-z0-9~]/.test(text[e + 1] ?? "") && text.slice(s, at) === "git") continue;
      push(out, s, e, "email");
      from = e;
    }
  },
};

// Candidate digit runs with phone punctuation; validated below by shape.
const PHONE_CANDIDATE = /(?<![\w+.\-/])(?:\+\s{0,2})?\(?\d[\d \-.()]{5,22}\d(?![\w\-/]|\.\d)/g;

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

export const phoneDetector: Detector = {
  name: "phone",
  category: "pii",
  applies: (p) => p.digits >= 7,
  scan(text, out) {
    PHONE_CANDIDATE.lastIndex = 0;
    for (let m = PHONE_CANDIDATE.exec(text); m !== null; m = PHONE_CANDIDATE.exec(text)) {
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
const IPV4 = new RegExp(
  `(?<![\\w.])${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}(?:/(?:3[0-2]|[12]?\\d)(?!\\d))?(?![\\w]|\\.\\d{1,3}\\.)`,
  "g",
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
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  if (double >= 0) {
    const head = groups(s.slice(0, double));
    const rest = groups(s.slice(double + 2));
    if (head.length + rest.length > 7) return false;
    return [...head, ...rest].every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g));
  }
  const all = s.split(":");
  return all.length === 8 && all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g));
}

export const ipDetector: Detector = {
  name: "ip_address",
  category: "pii",
  applies: (p) => (p.digits >= 4 && p.dots >= 3) || p.colons >= 2,
  scan(text, out) {
    if (text.includes(".")) {
      IPV4.lastIndex = 0;
      for (let m = IPV4.exec(text); m !== null; m = IPV4.exec(text))
        push(out, m.index, m.index + m[0].length, "ip_address");
    }
    // every address has two colons: expand around each colon to its run of address characters
    let from = 0;
    for (let c = text.indexOf(":", from); c >= 0; c = text.indexOf(":", from)) {
      let s = c;
      while (s > 0 && c - s < 64 && isIpv6Char(text.charCodeAt(s - 1))) s--;
      let e = c + 1;
      let colons = 1;
      while (e < text.length && e - c < 64 && isIpv6Char(text.charCodeAt(e))) {
        if (text.charCodeAt(e) === 58) colons++;
        e++;
      }
      from = e + 1;
      if (colons >= 2) scanIpv6(text, s, out);
    }
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
  if ((cand.match(/:/g)?.length ?? 0) < 2 || !ipv6Valid(cand)) return;
  push(out, m.index, m.index + cand.length + zone.length + prefix.length, "ip_address");
}

const MAC =
  /(?<![0-9A-Fa-f:.-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![0-9A-Fa-f]|[:-][0-9A-Fa-f])/y;

export const macDetector: Detector = {
  name: "mac_address",
  category: "pii",
  applies: (p) => p.colons >= 5 || p.dashes >= 5 || p.dots >= 2,
  scan(text, out) {
    if (!text.includes(":") && !text.includes("-") && !text.includes(".")) return;
    // a MAC has its separator at a fixed stride; only such spots get a (sticky) regex attempt
    for (const [sep, stride] of [
      [":", 3],
      ["-", 3],
      [".", 5],
    ] as const) {
      let from = 0;
      for (let i = text.indexOf(sep, from); i >= 0; i = text.indexOf(sep, from)) {
        from = i + 1;
        const start = i - (stride - 1);
        if (start < 0 || text[i + stride] !== sep) continue;
        MAC.lastIndex = start;
        const m = MAC.exec(text);
        if (!m) continue;
        from = start + m[0].length;
        const hex = m[0].replace(/[:.-]/g, "").toLowerCase();
        if (!/^(.)\1+$/.test(hex)) push(out, start, start + m[0].length, "mac_address");
      }
    }
  },
};
