// Accuracy of the check-digit validators on python-stdnum's doctest numbers, for the formats the
// masker claims. Validators are imported from the package source: they are what is being measured.
import {
  codiceFiscaleValid,
  ibanValid,
  koreanRrnValid,
  swedishPersonnummerValid,
  turkishIdValid,
} from "../../packages/masking/src/checksums";
import { readJsonl, type StdnumRow } from "./corpora";

const VALIDATORS: Record<string, (text: string) => boolean> = {
  iban: (t) => ibanValid(t.replace(/[\s.-]/g, "").toUpperCase()),
  it_codicefiscale: (t) => codiceFiscaleValid(t.replace(/\s/g, "")),
  se_personnummer: (t) => swedishPersonnummerValid(t.replace(/\s/g, "")),
  kr_rrn: (t) => koreanRrnValid(t.replace(/\s/g, "")),
  tr_tckimlik: (t) => turkishIdValid(t.replace(/\s/g, "")),
};

export interface FormatResult {
  format: string;
  valid: number;
  acceptedValid: number;
  invalid: number;
  rejectedInvalid: number;
  wrong: { text: string; label: string }[];
}

export function evaluateStdnum(): FormatResult[] {
  const rows = readJsonl<StdnumRow>("stdnum_examples.jsonl");
  return Object.entries(VALIDATORS).map(([format, valid]) => {
    const own = rows.filter((r) => r.file.endsWith(`test_${format}.doctest`));
    const out: FormatResult = { format, valid: 0, acceptedValid: 0, invalid: 0, rejectedInvalid: 0, wrong: [] };
    for (const r of own) {
      const ok = valid(r.text);
      if (r.label === "valid") {
        out.valid++;
        if (ok) out.acceptedValid++;
        else out.wrong.push(r);
      } else {
        out.invalid++;
        if (!ok) out.rejectedInvalid++;
        else out.wrong.push(r);
      }
    }
    return out;
  });
}
