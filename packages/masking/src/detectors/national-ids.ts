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
import { alnumRunsOfLength } from "../text-runs";
import type { Detector, Match } from "./types";

interface IdRule {
  /** Only alphanumeric runs of exactly this length can match (checked before the regex runs). */
  runLength?: number;
  type: string;
  re: RegExp;
  valid: (raw: string) => boolean;
}

function idDetector(name: string, rules: IdRule[], minDigits: number): Detector {
  return {
    name,
    category: "identifier",
    applies: (p) => p.digits >= minDigits,
    scan(text: string, out: Match[]) {
      for (const rule of rules) {
        const len = rule.runLength;
        if (len !== undefined) {
          const runs = alnumRunsOfLength(text, len);
          for (let r = 0; r < runs.length; r += 2) {
            const start = runs[r]!;
            if (!/[A-Za-z]/.test(text[start]!) || !/\d/.test(text[start + 6]!)) continue;
            rule.re.lastIndex = 0;
            const m = rule.re.exec(text.slice(start, runs[r + 1]));
            if (m) emit(out, rule, name, m, start);
          }
          continue;
        }
        rule.re.lastIndex = 0;
        for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) emit(out, rule, name, m, 0);
      }
    },
  };
}

function emit(out: Match[], rule: IdRule, name: string, m: RegExpExecArray, offset: number): void {
  if (!rule.valid(m[0])) return;
  const start = offset + m.index;
  out.push({ start, end: start + m[0].length, type: rule.type, detector: name, category: "identifier" });
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
      runLength: 16,
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
      re: /(?<![\w-])\d{6}-?[1-4]\d{6}(?![\w]|-\d)/g,
      // Numbers issued since October 2020 carry no check digit, so only date and sex digit are checked.
      valid: (raw) => koreanRrnShape(raw),
    },
  ],
  13,
);
