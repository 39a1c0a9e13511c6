// National identifiers whose format plus checksum (or allocation rules) make a false match unlikely.
// Each is opt-out by name in the policy's detector list.
import {
  brazilCpfValid,
  codiceFiscaleFormat,
  finnishHetuValid,
  koreanFrnShape,
  koreanRrnShape,
  polishPeselValid,
  southAfricanIdValid,
  spanishIdValid,
  swedishPersonnummerValid,
  turkishIdValid,
  usItinValid,
  usSsnValid,
} from "../checksums";
import { digitCount, digitRunLengths, digitRuns } from "../text-runs";
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

/** A national-id detector with its rules compiled, so that several can share one pass over the digit runs. */
export interface IdDetector extends Detector {
  rules: CompiledIdRule[];
  /** The fewest digits a match holds (the detector's gate). */
  minDigits: number;
}

interface CompiledIdRule {
  rule: IdRule;
  detector: string;
  /** The rule's pattern, sticky. */
  sticky: RegExp;
  /** Run lengths a match can start from, as a bit set (bit 31: 31 or more). */
  lengthBits: number;
  minDigits: number;
}

function idDetector(name: string, rules: IdRule[], minDigits: number): IdDetector {
  const compiled = rules.map((rule) => ({
    rule,
    detector: name,
    sticky: new RegExp(rule.re.source, rule.re.flags.replace("g", "y")),
    lengthBits: Array.from({ length: MAX_RUN + 1 }, (_, n) => n).reduce(
      (bits, n) => (rule.run(n) ? bits | (1 << Math.min(n, 31)) : bits),
      0,
    ),
    minDigits,
  }));
  const scan = idRunScanner(compiled);
  return { name, category: "identifier", applies: (p) => p.digits >= minDigits, rules: compiled, minDigits, scan };
}

/**
 * One detector running the rules of several national-id detectors in a single pass over the digit
 * runs (instead of one pass each); matches are appended rule by rule, in the order the separate
 * detectors would have appended them.
 */
export function nationalIdsDetector(detectors: IdDetector[]): Detector {
  const minDigits = Math.min(...detectors.map((d) => d.minDigits));
  return {
    name: detectors.map((d) => d.name).join("+"),
    category: "identifier",
    applies: (p) => p.digits >= minDigits,
    scan: idRunScanner(detectors.flatMap((d) => d.rules)),
  };
}

function idRunScanner(rules: CompiledIdRule[]): (text: string, out: Match[]) => void {
  if (rules.length > 31) throw new Error("at most 31 national-id rules share a pass");
  // run length -> the rules that try there, as a bit set
  const rulesByLength = Int32Array.from({ length: MAX_RUN + 1 }, (_, n) =>
    rules.reduce((bits, r, k) => (r.rule.run(n) ? bits | (1 << k) : bits), 0),
  );
  // per rule: the end of its last match (its matches do not overlap: nothing before it is tried again)
  const done = new Int32Array(rules.length);
  const found: (Match[] | undefined)[] = new Array(rules.length);
  return (text, out) => {
    const runs = digitRuns(text);
    const lengths = digitRunLengths(text);
    const digits = digitCount(text);
    let active = 0;
    for (let k = 0; k < rules.length; k++) {
      if ((lengths & rules[k]!.lengthBits) !== 0 && digits >= rules[k]!.minDigits) active |= 1 << k;
    }
    if (active === 0) return;
    done.fill(0);
    found.fill(undefined);
    for (let r = 0; r < runs.length; r += 2) {
      const len = runs[r + 1]!;
      let trying = rulesByLength[len > MAX_RUN ? MAX_RUN : len]! & active;
      while (trying !== 0) {
        const k = 31 - Math.clz32(trying & -trying); // the lowest rule left
        trying &= trying - 1;
        const { rule, sticky, detector } = rules[k]!;
        const m = tryAtRun(text, rule, sticky, runs[r]!, done[k]!);
        if (m === null) continue;
        const end = m.index + m[0].length;
        done[k] = end;
        if (!rule.valid(m[0])) continue;
        const list = found[k] ?? [];
        found[k] = list;
        list.push({ start: m.index, end, type: rule.type, detector, category: "identifier" });
      }
    }
    for (let k = 0; k < rules.length; k++) if (found[k] !== undefined) out.push(...found[k]!);
  };
}

/** The first match of `rule` starting at the run at `runStart` (or where its lead allows), not before `done`. */
function tryAtRun(text: string, rule: IdRule, re: RegExp, runStart: number, done: number): RegExpExecArray | null {
  let from = runStart - (rule.lead ?? 0);
  let to = runStart;
  if (rule.at) {
    from = to = rule.at(text, runStart);
    if (from < 0) return null;
  }
  for (let at = Math.max(done, from); at <= to; at++) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m) return m;
  }
  return null;
}

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function sixLettersBefore(text: string, at: number): boolean {
  // from the nearest: most runs follow no letter at all
  for (let i = at - 1; i >= at - 6; i--) if (!isLetterCode(text.charCodeAt(i))) return false;
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
    {
      // a foreigner's registration number: the same shape, sex digit 5–8
      type: "kr_frn",
      run: (n) => n === 6 || n === 13,
      re: /(?<![\w-])\d{6}-?[5-8]\d{6}(?![\w]|-\d)/g,
      valid: (raw) => koreanFrnShape(raw),
    },
  ],
  13,
);

/** Where an unformatted number named just before it (`CPF: 52998224725`) may start: the run, or -1. */
function namedBefore(name: RegExp): (text: string, runStart: number) => number {
  return (text, runStart) => (name.test(text.slice(Math.max(0, runStart - 40), runStart)) ? runStart : -1);
}

export const brazilCpfDetector = idDetector(
  "br_cpf",
  [
    {
      // written as it is printed, 529.982.247-25: the dots and the dash make it distinctive
      type: "br_cpf",
      run: (n) => n === 3,
      re: /(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w]|[.-]\d)/g,
      valid: (raw) => brazilCpfValid(raw.replace(/\D/g, "")),
    },
    {
      // eleven digits alone are a phone number as often: only when named
      type: "br_cpf",
      run: (n) => n === 11,
      at: namedBefore(/\bcpf\b[^\n\d]{0,24}$/i),
      re: /\d{11}(?![\w]|[.-]\d)/g,
      valid: (raw) => brazilCpfValid(raw),
    },
  ],
  11,
);

/**
 * A detector for a run of exactly `digits` digits that `valid` confirms: the numbers with no layout
 * of their own, only a check digit (and a date) to tell them from other numbers.
 */
function checkedDigitsDetector(name: string, digits: number, valid: (raw: string) => boolean): IdDetector {
  const re = new RegExp(`(?<![\\w.-])\\d{${digits}}(?![\\w]|[.-]\\d)`, "g");
  return idDetector(name, [{ type: name, run: (n) => n === digits, re, valid }], digits);
}

// eleven digits that pass both check digits (one number in a hundred does), as the SSN rule takes
// nine that pass the allocation rules
export const turkishIdDetector = checkedDigitsDetector("tr_tckimlik", 11, turkishIdValid);
// eleven digits: a date of birth and a weighted check digit
export const polishPeselDetector = checkedDigitsDetector("pl_pesel", 11, polishPeselValid);
// thirteen digits: a date of birth, then Luhn
export const southAfricanIdDetector = checkedDigitsDetector("za_id", 13, southAfricanIdValid);
