// Span precision/recall on the Presidio recognizer tests, for the entity types the masker claims.
// Uses the masker's own detectors directly, since the public API returns masked text, not spans.
import { buildDetectors } from "../../packages/masking/src/detectors/registry";
import { findMatches } from "../../packages/masking/src/scan-text";
import { type PresidioRow, readJsonl } from "./corpora";

/** Presidio entity → the finding types that claim it. */
export const CLAIMED_ENTITIES: Record<string, string[]> = {
  EMAIL_ADDRESS: ["email"],
  PHONE_NUMBER: ["phone"],
  CREDIT_CARD: ["credit_card"],
  IBAN_CODE: ["iban"],
  US_SSN: ["us_ssn"],
  US_ITIN: ["us_itin"],
  IP_ADDRESS: ["ip_address"],
  MAC_ADDRESS: ["mac_address"],
  ES_NIF: ["es_nif"],
  ES_NIE: ["es_nif"],
  IT_FISCAL_CODE: ["it_fiscal_code"],
  FI_PERSONAL_IDENTITY_CODE: ["fi_hetu"],
  SE_PERSONNUMMER: ["se_personnummer"],
  KR_RRN: ["kr_rrn"],
  TR_NATIONAL_ID: ["tr_tckimlik"],
  KR_FRN: ["kr_frn"],
  PL_PESEL: ["pl_pesel"],
  ZA_ID_NUMBER: ["za_id"],
};

export interface EntityResult {
  entity: string;
  expected: number;
  predicted: number;
  matchedExpected: number;
  matchedPredicted: number;
  misses: { text: string; span: [number, number] }[];
  extras: { text: string; span: [number, number] }[];
}

function iou(a: [number, number], b: [number, number]): number {
  const inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  return inter / (Math.max(a[1], b[1]) - Math.min(a[0], b[0]));
}

export function evaluatePii(): EntityResult[] {
  const detectors = buildDetectors("default", []).text;
  const rows = readJsonl<PresidioRow>("presidio_examples.jsonl").filter((r) => r.kind === "span" && r.entity);
  const results: EntityResult[] = [];
  for (const [entity, types] of Object.entries(CLAIMED_ENTITIES)) {
    const r: EntityResult = {
      entity,
      expected: 0,
      predicted: 0,
      matchedExpected: 0,
      matchedPredicted: 0,
      misses: [],
      extras: [],
    };
    for (const row of rows.filter((x) => x.entity === entity)) {
      const expected = row.positions ?? [];
      const predicted = findMatches(row.text, detectors)
        .filter((m) => types.includes(m.type))
        .map((m) => [m.start, m.end] as [number, number]);
      r.expected += expected.length;
      r.predicted += predicted.length;
      for (const e of expected) {
        if (predicted.some((p) => iou(p, e) >= 0.5)) r.matchedExpected++;
        else r.misses.push({ text: row.text, span: e });
      }
      for (const p of predicted) {
        if (expected.some((e) => iou(p, e) >= 0.5)) r.matchedPredicted++;
        else r.extras.push({ text: row.text, span: p });
      }
    }
    results.push(r);
  }
  return results;
}
