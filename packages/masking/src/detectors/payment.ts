// Payment card numbers (Luhn) and IBANs (mod-97). The checksums are what keep long order numbers
// and account ids from being masked as cards.
import { ibanLength, ibanValid, luhn } from "../checksums";
import type { Detector } from "./types";

// Not glued to letters either: digits inside a hex digest or an identifier are not a card.
const CARD_CANDIDATE = /(?<![\dA-Za-z.,-])\d(?:[ -]?\d){12,18}(?![\dA-Za-z]|[.,]\d)/g;

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

export const creditCardDetector: Detector = {
  name: "credit_card",
  category: "pii",
  applies: (p) => p.digits >= 13,
  scan(text, out) {
    CARD_CANDIDATE.lastIndex = 0;
    for (let m = CARD_CANDIDATE.exec(text); m !== null; m = CARD_CANDIDATE.exec(text)) {
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

const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}/g;

export const ibanDetector: Detector = {
  name: "iban",
  category: "identifier",
  applies: (p) => p.digits >= 8 && p.letters >= 2,
  scan(text, out) {
    IBAN_CANDIDATE.lastIndex = 0;
    for (let m = IBAN_CANDIDATE.exec(text); m !== null; m = IBAN_CANDIDATE.exec(text)) {
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
      IBAN_CANDIDATE.lastIndex = m.index + end;
    }
  },
};
