// National identifiers whose format plus checksum (or allocation rules) make a false match unlikely.
// Each is opt-out by name in the policy's detector list.
import {
  codiceFiscaleFormat,
  finnishHetuValid,
  koreanRrnShape,
  spanishIdValid,
  swedishPersonnummerValid,
  usItinValid,
  usSsnValid,
} from "../checksums";
import { digitRunLengths, digitRuns } from "../text-runs";
import type { Detector, Match } from "./types";

interface IdRule {
  type: string;
  re: RegExp;
  valid: (raw: string) => boolean;
  /**
   * Every match starts at the start of a maximal digit run (or up to `lead` characters before it)
   * whose length passes this test. The pattern is then tried (sticky) only at those places,
   * which finds exactly the matches a scan of the whole text finds.
   */
  run: (length: number) => boolean;
  lead?: number;
  /** Where a match could start for this run, or -1: for patterns that begin before the digits. */
  at?: (text: string, runStart: number) => number;
}

const MAX_RUN = 32;

function idDetector(name: string, rules: IdRule[], minDigits: number): Detector {
  const sticky = rules.map((r) => new RegExp(r.re.source, r.re.flags.replace("g", "y")));
  // run length -> does the rule try there (a table, not a call per run)
  const accepts = rules.map((r) => Uint8Array.from({ length: MAX_RUN + 1 }, (_, n) => (r.run(n) ? 1 : 0)));
  // the same as a bit set of lengths (bit 31: 31 or more), to skip a rule no run can start
  const lengthBits = accepts.map((a) => a.reduce((bits, ok, n) => (ok ? bits | (1 << Math.min(n, 31)) : bits), 0));
  return {
    name,
    category: "identifier",
    applies: (p) => p.digits >= minDigits,
    scan(text: string, out: Match[]) {
      const runs = digitRuns(text);
      const lengths = digitRunLengths(text);
      for (let k = 0; k < rules.length; k++) {
        if ((lengths & lengthBits[k]!) === 0) continue;
        const rule = rules[k]!;
        const re = sticky[k]!;
        const accept = accepts[k]!;
        const lead = rule.lead ?? 0;
        const startAt = rule.at;
        const end = runs.length;
        let done = 0; // matches do not overlap: nothing before the end of the last one is tried
        for (let r = 0; r < end; r += 2) {
          const len = runs[r + 1]!;
          if (accept[len > MAX_RUN ? MAX_RUN : len] === 0) continue;
          let from = runs[r]! - lead;
          let to = runs[r]!;
          if (startAt) {
            from = to = startAt(text, runs[r]!);
            if (from < 0) continue;
          }
          for (let at = Math.max(done, from); at <= to; at++) {
            re.lastIndex = at;
            const m = re.exec(text);
            if (!m) continue;
            done = at + m[0].length;
            emit(out, rule, name, m, 0);
            break;
          }
        }
      }
    },
  };
}

function emit(out: Match[], rule: IdRule, name: string, m: RegExpExecArray, offset: number): void {
  if (!rule.valid(m[0])) return;
  const start = offset + m.index;
  out.push({ start, end: start + m[0].length, type: rule.type, detector: name, category: "identifier" });
}

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function sixLettersBefore(text: string, at: number): boolean {
  for (let i = at - 6; i < at; i++) if (!isLetterCode(text.charCodeAt(i))) return false;
  return true;
}

// Separators must be used consistently: "078-05-1123", "078 05 1123", "078051123", "078-051121".
const SSN = /(?<![\w.-])\d{3}([- .]?)\d{2}([- .]?)\d{4}(?![\w]|[-.]\d)/g;

function ssnShapeOk(raw: string): boolean {
  const seps = raw.replace(/\d/g, "");
  return seps.length === 0 || new Set(seps).size === 1;
}

export const usSsnDetector = idDetector(
  "us_ssn",
  [
    {
      type: "us_ssn",
      re: SSN,
      run: (n) => n === 3 || n === 5 || n === 9,
      valid: (raw) => ssnShapeOk(raw) && usSsnValid(raw.replace(/\D/g, "")),
    },
  ],
  9,
);

export const usItinDetector = idDetector(
  "us_itin",
  [
    {
      type: "us_itin",
      run: (n) => n === 3 || n === 5 || n === 9,
      re: /(?<![\w.-])9\d{2}[- ]?\d{2}[- ]?\d{4}(?![\w]|[-.]\d)/g,
      valid: (raw) => ssnShapeOk(raw) && usItinValid(raw.replace(/\D/g, "")),
    },
  ],
  9,
);

export const spanishIdDetector = idDetector(
  "es_nif",
  [
    {
      type: "es_nif",
      run: (n) => n === 7 || n === 8,
      lead: 2, // X-1234567L
      re: /(?<![\w-])(?:[XYZxyz]-?\d{7}|\d{7,8})-?[A-Za-z](?![\w])/g,
      valid: (raw) => spanishIdValid(raw),
    },
  ],
  7,
);

export const italianFiscalCodeDetector = idDetector(
  "it_fiscal_code",
  [
    {
      type: "it_fiscal_code",
      // six letters, then the two digits of the birth year (then a letter): try where a run of one
      // or two digits follows six letters
      run: (n) => n === 1 || n === 2,
      at: (text, runStart) => (runStart >= 6 && sixLettersBefore(text, runStart) ? runStart - 6 : -1),
      re: /(?<![A-Za-z0-9])[A-Za-z]{6}[0-9LMNPQRSTUV]{2}[A-Za-z][0-9LMNPQRSTUV]{2}[A-Za-z][0-9LMNPQRSTUV]{3}[A-Za-z](?![A-Za-z0-9])/g,
      // Format alone is distinctive; the check character is not required (typos are still personal data).
      valid: (raw) => codiceFiscaleFormat(raw),
    },
  ],
  3,
);

export const finnishIdDetector = idDetector(
  "fi_hetu",
  [
    {
      type: "fi_hetu",
      run: (n) => n === 6,
      re: /(?<![\d-])\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y](?![\w])/g,
      valid: (raw) => finnishHetuValid(raw),
    },
  ],
  9,
);

export const swedishIdDetector = idDetector(
  "se_personnummer",
  [
    {
      type: "se_personnummer",
      run: (n) => n === 6 || n === 8 || n === 10 || n === 12,
      re: /(?<![\d-])(?:(?:18|19|20)?\d{6}[-+]\d{4}|(?:18|19|20)?\d{10})(?![\w]|-\d)/g,
      valid: (raw) => swedishPersonnummerValid(raw),
    },
  ],
  10,
);

export const koreanRrnDetector = idDetector(
  "kr_rrn",
  [
    {
      type: "kr_rrn",
      run: (n) => n === 6 || n === 13,
      re: /(?<![\w-])\d{6}-?[1-4]\d{6}(?![\w]|-\d)/g,
      // Numbers issued since October 2020 carry no check digit, so only date and sex digit are checked.
      valid: (raw) => koreanRrnShape(raw),
    },
  ],
  13,
);
