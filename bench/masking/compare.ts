// This checkout's mask() against another checkout's, both loaded in one process and run in turns on
// the same 50 agent payloads: what a change costs, without the run-to-run noise of two processes.
//   git worktree add /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules
//   npx tsx bench/masking/compare.ts /tmp/base [--secrets] [--rounds=30]
// Prints the median over the rounds of (this checkout's time / the base's time) for 200 calls each.
// Two copies of the same code give 1.00 ± 0.01 at 30 rounds; more rounds narrow a small difference.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createMasker } from "@countersign/masking";
import { agentPayload } from "./payloads";

const ROUNDS = Number(process.argv.find((a) => a.startsWith("--rounds="))?.slice(9) ?? 30);
const PER_ROUND = 200;
const WARMUP = 1000;

const base = process.argv[2];
if (!base) {
  console.error("usage: npx tsx bench/masking/compare.ts <base checkout> [--secrets]");
  process.exit(2);
}
const secretsOnly = process.argv.includes("--secrets");
const options = secretsOnly ? { policy: { detectors: ["secrets"] } } : {};
const baseModule = (await import(pathToFileURL(resolve(base, "packages/masking/src/mask.ts")).href)) as {
  createMasker: typeof createMasker;
};
const maskers = [baseModule.createMasker(options), createMasker(options)];
const payloads = Array.from({ length: 50 }, (_, i) => agentPayload(i + 1));

for (const m of maskers) for (let i = 0; i < WARMUP; i++) m.mask(payloads[i % payloads.length]);
const ratios: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const ms = [0, 0];
  // alternate which goes first, so a change in load falls on both alike
  for (const k of round % 2 === 0 ? [0, 1] : [1, 0]) {
    const t0 = performance.now();
    for (let i = 0; i < PER_ROUND; i++) maskers[k]!.mask(payloads[i % payloads.length]);
    ms[k] = performance.now() - t0;
  }
  ratios.push(ms[1]! / ms[0]!);
}
ratios.sort((a, b) => a - b);
const median = ratios[ROUNDS >> 1]!;
console.log(
  `${secretsOnly ? "secret detectors only" : "default detectors"}: this checkout takes ${median.toFixed(3)}× the base's time (median of ${ROUNDS} rounds)`,
);
