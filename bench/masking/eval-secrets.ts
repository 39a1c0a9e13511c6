// Recall and false-positive rate of the masker on the labelled secret corpora.
import type { Masker } from "@countersign/masking";
import { detectSecretsSecret, gitleaksSecret, leaked } from "../../packages/masking/src/testing/secret-span";
import { type DetectSecretsRow, type GitleaksRow, readJsonl } from "./corpora";

export interface FamilyResult {
  family: string;
  tp: number;
  caught: number;
  /** tp rows with no secret to check (an empty text, a bare keyword). */
  noSecret: number;
  fp: number;
  /** fp rows the masker changed in any way (a masked email counts too). */
  fpChanged: number;
  /** fp rows changed only by the PII/identifier detectors: the secrets-only masker leaves them alone. */
  fpPiiOnly: number;
  /**
   * fp rows whose label contradicts a tp of the same corpus: the exact text is a tp elsewhere, or the
   * text contains the secret of a tp (the same value labelled a secret under another rule or file type).
   */
  fpConflicting: number;
  /** fp rows changed by a secret detector whose label contradicts a tp (see fpConflicting). */
  fpConflictingChanged: number;
  misses: { rule: string; text: string; secret: string; output: string }[];
  falsePositives: { rule: string; text: string; output: string; conflicting: boolean; piiOnly: boolean }[];
}

interface Row {
  rule: string;
  text: string;
  label: "tp" | "fp";
  secret: string | null;
}

/** Secrets of 8 or more characters labelled tp in a corpus, for the conflicting-label check. */
function tpSecrets(rows: Row[]): string[] {
  return [
    ...new Set(rows.filter((r) => r.label === "tp" && r.secret !== null && r.secret.length >= 8).map((r) => r.secret!)),
  ];
}

function evaluate(family: string, rows: Row[], masker: Masker, secretsOnly: Masker, corpus: Row[]): FamilyResult {
  const tpTexts = new Set(corpus.filter((r) => r.label === "tp").map((r) => r.text));
  const secrets = tpSecrets(corpus);
  const out: FamilyResult = {
    family,
    tp: 0,
    caught: 0,
    noSecret: 0,
    fp: 0,
    fpChanged: 0,
    fpPiiOnly: 0,
    fpConflicting: 0,
    fpConflictingChanged: 0,
    misses: [],
    falsePositives: [],
  };
  for (const row of rows) {
    const output = masker.maskText(row.text);
    if (row.label === "tp") {
      if (row.secret === null) {
        out.noSecret++;
        continue;
      }
      out.tp++;
      if (leaked(row.secret, output, row.text))
        out.misses.push({ rule: row.rule, text: row.text, secret: row.secret, output });
      else out.caught++;
    } else {
      const conflicting = tpTexts.has(row.text) || secrets.some((s) => row.text.includes(s));
      out.fp++;
      if (conflicting) out.fpConflicting++;
      if (output !== row.text) {
        out.fpChanged++;
        const piiOnly = secretsOnly.maskText(row.text) === row.text;
        if (piiOnly) out.fpPiiOnly++;
        else if (conflicting) out.fpConflictingChanged++;
        out.falsePositives.push({ rule: row.rule, text: row.text, output, conflicting, piiOnly });
      }
    }
  }
  return out;
}

/**
 * `masker` is what is measured; `secretsOnly` (the same policy with only the secret detectors) tells
 * which false positives come from PII detectors masking an email or an address inside a negative.
 */
export function evaluateSecrets(masker: Masker, secretsOnly: Masker = masker): FamilyResult[] {
  const gitleaks = readJsonl<GitleaksRow>("gitleaks_examples.jsonl").map((r) => ({
    rule: r.rule,
    text: r.text,
    label: r.label,
    generated: r.generated,
    secret: r.label === "tp" ? gitleaksSecret(r.rule, r.text) : null,
  }));
  const detectSecrets = readJsonl<DetectSecretsRow>("detect_secrets_examples.jsonl").map((r) => ({
    rule: r.plugin,
    text: r.text,
    label: r.label,
    secret: r.label === "tp" ? detectSecretsSecret(r.text, r.secret) : null,
  }));
  return [
    evaluate(
      "gitleaks hand-written",
      gitleaks.filter((r) => !r.generated),
      masker,
      secretsOnly,
      gitleaks,
    ),
    evaluate(
      "gitleaks generated",
      gitleaks.filter((r) => r.generated),
      masker,
      secretsOnly,
      gitleaks,
    ),
    evaluate("detect-secrets", detectSecrets, masker, secretsOnly, detectSecrets),
  ];
}
