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
  fpChanged: number;
  /** fp rows whose exact text is labelled tp elsewhere in the same corpus. */
  fpConflicting: number;
  fpConflictingChanged: number;
  misses: { rule: string; text: string; secret: string; output: string }[];
  falsePositives: { rule: string; text: string; output: string; conflicting: boolean }[];
}

interface Row {
  rule: string;
  text: string;
  label: "tp" | "fp";
  secret: string | null;
}

function evaluate(family: string, rows: Row[], masker: Masker): FamilyResult {
  const tpTexts = new Set(rows.filter((r) => r.label === "tp").map((r) => r.text));
  const out: FamilyResult = {
    family,
    tp: 0,
    caught: 0,
    noSecret: 0,
    fp: 0,
    fpChanged: 0,
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
      const conflicting = tpTexts.has(row.text);
      out.fp++;
      if (conflicting) out.fpConflicting++;
      if (output !== row.text) {
        out.fpChanged++;
        if (conflicting) out.fpConflictingChanged++;
        out.falsePositives.push({ rule: row.rule, text: row.text, output, conflicting });
      }
    }
  }
  return out;
}

export function evaluateSecrets(masker: Masker): FamilyResult[] {
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
    ),
    evaluate(
      "gitleaks generated",
      gitleaks.filter((r) => r.generated),
      masker,
    ),
    evaluate("detect-secrets", detectSecrets, masker),
  ];
}
