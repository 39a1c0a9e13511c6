// Every positive example, embedded in agent payloads five ways; after masking, no run of 8
// characters of its secret may survive anywhere (decoding the carriers it was put in).
import type { Masker } from "@countersign/masking";
import { EMBEDDINGS, type Embedding, embed, exposed } from "../../packages/masking/src/testing/embed";
import { detectSecretsSecret, gitleaksSecret, leaked } from "../../packages/masking/src/testing/secret-span";
import { type DetectSecretsRow, type GitleaksRow, readJsonl } from "./corpora";

export interface LeakResult {
  secrets: number;
  /** Secrets the masker misses in plain text: they leak in payloads too. */
  plainMisses: number;
  /** Secrets caught in plain text but leaked by some embedding: must be zero. */
  embeddingLeaks: { text: string; how: Embedding }[];
  checks: number;
}

export function positives(): { text: string; secret: string }[] {
  const out: { text: string; secret: string }[] = [];
  for (const r of readJsonl<GitleaksRow>("gitleaks_examples.jsonl")) {
    const secret = r.label === "tp" ? gitleaksSecret(r.rule, r.text) : null;
    if (secret) out.push({ text: r.text, secret });
  }
  for (const r of readJsonl<DetectSecretsRow>("detect_secrets_examples.jsonl")) {
    const secret = r.label === "tp" ? detectSecretsSecret(r.text, r.secret) : null;
    if (secret) out.push({ text: r.text, secret });
  }
  return out;
}

export function evaluateLeaks(masker: Masker, sample?: number): LeakResult {
  let all = positives();
  if (sample !== undefined) all = all.filter((_, i) => i % sample === 0);
  const result: LeakResult = { secrets: all.length, plainMisses: 0, embeddingLeaks: [], checks: 0 };
  for (const { text, secret } of all) {
    if (leaked(secret, masker.maskText(text), text)) {
      result.plainMisses++;
      continue;
    }
    for (const how of EMBEDDINGS) {
      result.checks++;
      const payload = embed(text, how);
      const { masked } = masker.mask(payload);
      if (leaked(secret, exposed(masked), text)) result.embeddingLeaks.push({ text, how });
    }
  }
  return result;
}
