// Throughput and tail latency on the same ~10 KiB agent payloads, side by side with secretlint
// (secrets) and redact-pii (PII), measured in one process and one run: countersign with its default
// detectors (both jobs at once), and with only the detectors matching each tool's job.
import { createMasker } from "@countersign/masking";
import { SyncRedactor } from "redact-pii";
import { summarize } from "../support/percentiles";
import { agentPayload } from "./payloads";
import { secretlint } from "./secretlint";

export interface SpeedRow {
  tool: string;
  input: string;
  calls: number;
  mbPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** p99 of a block of calls to this tool alone, after the rounds. */
  p99AloneMs: number;
  /**
   * Throughput over the reference tool's (secretlint) in the same round, median over the rounds:
   * steadier than a ratio of the MB/s columns when the load on the machine changes during a run.
   */
  vsReference: number;
}

interface Tool {
  name: string;
  input: "object" | "JSON text";
  /** Calls per round: the slow tool gets fewer, so every round takes comparable time per tool. */
  perRound: number;
  warmup: number;
  /** The tool the others' throughput is compared with, round by round. */
  reference?: boolean;
  run: (i: number) => unknown;
}

const ROUNDS = 20;
const ALONE_ROUNDS = 10;

/** Milliseconds one call of `tool` on text `i` takes. */
async function timeCall(tool: Tool, i: number): Promise<number> {
  const start = performance.now();
  await tool.run(i);
  return performance.now() - start;
}

/**
 * Steady state, as a long-running server sees it: every tool is warmed up first (JIT tiers), then
 * the tools take turns in rounds, so a change in load on the shared cores falls on all of them.
 * In turns, a young-generation collection started by one tool's garbage may pause another's call,
 * so each tool then also runs a block alone, for the latency it has in a process of its own.
 */
async function measureAll(tools: Tool[], texts: string[]): Promise<SpeedRow[]> {
  for (const t of tools) for (let i = 0; i < t.warmup; i++) await t.run(i % texts.length);
  const times = tools.map(() => [] as number[]);
  const bytes = tools.map(() => 0);
  const next = tools.map(() => 0);
  // bytes per millisecond of each tool in each round
  const roundRates = tools.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < tools.length; k++) {
      const tool = tools[k]!;
      let roundMs = 0;
      let roundBytes = 0;
      for (let c = 0; c < tool.perRound; c++) {
        const i = next[k]! % texts.length;
        next[k] = i + 1;
        const ms = await timeCall(tool, i);
        times[k]!.push(ms);
        roundMs += ms;
        roundBytes += texts[i]!.length;
      }
      bytes[k]! += roundBytes;
      roundRates[k]!.push(roundBytes / roundMs);
    }
  }
  const ref = tools.findIndex((t) => t.reference);
  if (ref < 0) throw new Error("one tool must be the reference");
  const alone = tools.map(() => [] as number[]);
  for (let k = 0; k < tools.length; k++) {
    const tool = tools[k]!;
    for (let c = 0; c < tool.perRound * ALONE_ROUNDS; c++) alone[k]!.push(await timeCall(tool, c % texts.length));
  }
  return tools.map((tool, k) => {
    const inTurns = summarize(times[k]!);
    return {
      tool: tool.name,
      input: tool.input,
      calls: inTurns.count,
      mbPerSec: bytes[k]! / 1e6 / ((inTurns.mean * inTurns.count) / 1e3),
      p50Ms: inTurns.p50,
      p99Ms: inTurns.p99,
      p99AloneMs: summarize(alone[k]!).p99,
      vsReference: summarize(roundRates[k]!.map((rate, r) => rate / roundRates[ref]![r]!)).p50,
    };
  });
}

export async function measureSpeed(): Promise<SpeedRow[]> {
  const objects = Array.from({ length: 50 }, (_, i) => agentPayload(i + 1));
  const texts = objects.map((o) => JSON.stringify(o));
  const masker = createMasker();
  // like for like: secretlint looks for secrets only, redact-pii for personal data only
  const secretsOnly = createMasker({ policy: { detectors: ["secrets"] } });
  const piiOnly = createMasker({ policy: { detectors: ["pii", "identifiers"] } });
  const redactor = new SyncRedactor();
  const fast = { perRound: 100, warmup: 3000 };
  return measureAll(
    [
      { name: "countersign mask()", input: "object", ...fast, run: (i) => masker.mask(objects[i]) },
      { name: "countersign maskText()", input: "JSON text", ...fast, run: (i) => masker.maskText(texts[i]!) },
      {
        name: "countersign mask(), secret detectors only",
        input: "object",
        ...fast,
        run: (i) => secretsOnly.mask(objects[i]),
      },
      {
        name: "countersign mask(), PII and identifier detectors only",
        input: "object",
        ...fast,
        run: (i) => piiOnly.mask(objects[i]),
      },
      {
        name: "secretlint (preset-recommend)",
        input: "JSON text",
        ...fast,
        reference: true,
        run: (i) => secretlint(texts[i]!),
      },
      {
        name: "redact-pii (SyncRedactor)",
        input: "JSON text",
        perRound: 10,
        warmup: 300,
        run: (i) => redactor.redact(texts[i]!),
      },
    ],
    texts,
  );
}
