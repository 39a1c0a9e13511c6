// Throughput and tail latency on the same ~10 KiB agent payloads, side by side with secretlint
// (secrets) and redact-pii (PII), measured in one process and one run.
import { createMasker } from "@countersign/masking";
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { SyncRedactor } from "redact-pii";
import { agentPayload } from "./payloads";

export interface SpeedRow {
  tool: string;
  input: string;
  calls: number;
  mbPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

const WARMUP = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(
  tool: string,
  input: string,
  payloads: string[],
  calls: number,
  run: (i: number) => unknown | Promise<unknown>,
): Promise<SpeedRow> {
  // steady state, as a long-running server sees it: every tool gets the same warm-up (JIT tiers)
  for (let i = 0; i < WARMUP; i++) await run(i % payloads.length);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < calls; i++) {
    const k = i % payloads.length;
    const t = performance.now();
    await run(k);
    times.push(performance.now() - t);
    bytes += payloads[k]!.length;
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return {
    tool,
    input,
    calls,
    mbPerSec: bytes / 1e6 / (total / 1e3),
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
  };
}

export async function measureSpeed(calls = 2000, slowCalls = 200): Promise<SpeedRow[]> {
  const objects = Array.from({ length: 50 }, (_, i) => agentPayload(i + 1));
  const texts = objects.map((o) => JSON.stringify(o));
  const masker = createMasker();
  const redactor = new SyncRedactor();
  const secretlintConfig = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };
  return [
    await measure("countersign mask()", "object", texts, calls, (i) => masker.mask(objects[i])),
    await measure("countersign maskText()", "JSON text", texts, calls, (i) => masker.maskText(texts[i]!)),
    await measure("secretlint (preset-recommend)", "JSON text", texts, slowCalls, (i) =>
      lintSource({
        source: { content: texts[i]!, filePath: "/payload.json", ext: ".json", contentType: "text" },
        options: { config: secretlintConfig, maskSecrets: true, noPhysicFilePath: true },
      }),
    ),
    await measure("redact-pii (SyncRedactor)", "JSON text", texts, slowCalls, (i) => redactor.redact(texts[i]!)),
  ];
}
