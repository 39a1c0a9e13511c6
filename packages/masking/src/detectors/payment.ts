// Payment card numbers (Luhn) and IBANs (mod-97). The checksums are what keep long order numbers
// and account ids from being masked as cards.
import { ibanLength, ibanValid, luhn } from "../checksums";
import { digitRuns } from "../text-runs";
import type { Detector } from "./types";

// Not glued to letters either: digits inside a hex digest or an identifier are not a card.
// Sticky: a card starts where a run of digits starts (no digit before it), so the pattern is tried
// only there, at the runs the text profile already recorded, instead of at every position.
const CARD_CANDIDATE = /(?<![\dA-Za-z.,-])\d(?:[ -]?\d){12,18}(?![\dA-Za-z]|[.,]\d)/y;
const GLUED_BEFORE_CARD = new Uint8Array(128);
for (const c of ".,-") GLUED_BEFORE_CARD[c.charCodeAt(0)] = 1;
for (let c = 65; c <= 90; c++) GLUED_BEFORE_CARD[c] = GLUED_BEFORE_CARD[c + 32] = 1;

// Issuer prefixes and the lengths they issue (ISO/IEC 7812 as used by the card schemes).
const ISSUERS: [RegExp, number[]][] = [
  [/^4/, [13, 16, 19]],
  [/^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/, [16]],
  [/^3[47]/, [15]],
  [/^3(?:0[0-5]|[68])/, [14, 15, 16, 19]],
  [/^35(?:2[89]|[3-8])/, [16, 17, 18, 19]],
  [/^(?:6011|65|64[4-9]|62)/, [16, 17, 18, 19]],
  [/^(?:50|5[6-9]|6)/, [12, 13, 14, 15, 16, 17, 18, 19]],
  [/^1/, [15]],
];

function cardValid(digits: string, raw: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  if (!ISSUERS.some(([prefix, lengths]) => prefix.test(digits) && lengths.includes(digits.length))) return false;
  if (/^(\d)\1+$/.test(digits)) return false;
  const seps = raw.match(/[ -]/g);
  if (seps && new Set(seps).size > 1) return false;
  return luhn(digits);
}

/** Whether 13 digits, each pair at most one space or dash apart, start at `at` (what a candidate needs). */
function thirteenDigits(text: string, at: number): boolean {
  let digits = 0;
  let sep = false;
  for (let i = at; i < text.length && i - at < 26; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits >= 13) return true;
      sep = false;
    } else if ((c === 32 || c === 45) && !sep) sep = true;
    else return false;
  }
  return false;
}

export const creditCardDetector: Detector = {
  name: "credit_card",
  category: "pii",
  applies: (p) => p.digits >= 13,
  scan(text, out) {
    const runs = digitRuns(text);
    let done = 0;
    for (let r = 0; r < runs.length; r += 2) {
      // the pattern's look-behind, checked before counting digits
      if (runs[r]! < done || GLUED_BEFORE_CARD[text.charCodeAt(runs[r]! - 1)] === 1) continue;
      if (!thirteenDigits(text, runs[r]!)) continue;
      CARD_CANDIDATE.lastIndex = runs[r]!;
      const m = CARD_CANDIDATE.exec(text);
      if (m === null) continue;
      done = m.index + m[0].length;
      const raw = m[0];
      const digits = raw.replace(/\D/g, "");
      if (cardValid(digits, raw)) {
        out.push({
          start: m.index,
          end: m.index + raw.length,
          type: "credit_card",
          detector: "credit_card",
          category: "pii",
        });
      }
    }
  },
};

// Sticky: an IBAN's check digits start a run of digits right after two capitals, so the pattern
// is tried only two characters before such runs.
const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}/y;
const isUpper = (c: number) => c >= 65 && c <= 90;

export const ibanDetector: Detector = {
  name: "iban",
  category: "identifier",
  applies: (p) => p.digits >= 8 && p.letters >= 2,
  scan(text, out) {
    const runs = digitRuns(text);
    let done = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const at = runs[r]! - 2;
      if (at < done || runs[r + 1]! < 2 || !isUpper(text.charCodeAt(at)) || !isUpper(text.charCodeAt(at + 1))) continue;
      IBAN_CANDIDATE.lastIndex = at;
      const m = IBAN_CANDIDATE.exec(text);
      if (m === null) continue;
      done = m.index + m[0].length;
      const raw = m[0];
      const len = ibanLength(raw.slice(0, 2));
      if (len === undefined) continue;
      // take exactly the country's length; whatever follows ("… 8901 X") is not part of it
      let count = 0;
      let end = 0;
      while (end < raw.length && count < len) {
        if (raw[end] !== " " && raw[end] !== "-") count++;
        end++;
      }
      if (count !== len) continue;
      const after = text[m.index + end];
      if (after !== undefined && /[A-Za-z0-9]/.test(after)) continue;
      const compact = raw.slice(0, end).replace(/[ -]/g, "");
      if (!ibanValid(compact)) continue;
      out.push({ start: m.index, end: m.index + end, type: "iban", detector: "iban", category: "identifier" });
      done = m.index + end;
    }
  },
};
