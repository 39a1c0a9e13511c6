// mask() and secretlint on payloads of one shape each (shape-payloads.ts), in turns in one process:
// where the masker is slow for what a payload is made of, not only on the mixed agent payload.
import { createMasker } from "@countersign/masking";
import { summarize } from "../support/percentiles";
import { secretlint } from "./secretlint";
import { SHAPES } from "./shape-payloads";

export interface ShapeRow {
  shape: string;
  kib: number;
  maskP50Us: number;
  /** p99 of a block of calls to mask() alone, after the rounds (in turns, secretlint's garbage is collected in mask()'s calls too). */
  maskP99AloneUs: number;
  secretlintP50Us: number;
  /** secretlint's time over mask()'s in the same round, median over the rounds (above 1: mask() is faster). */
  speedup: number;
}

const ROUNDS = 10;
const PER_ROUND = 20;
const WARMUP = 100;
const ALONE_CALLS = 400;

export async function measureShapes(): Promise<ShapeRow[]> {
  const masker = createMasker();
  const rows: ShapeRow[] = [];
  for (const [shape, make] of Object.entries(SHAPES)) {
    const payload = make();
    const text = JSON.stringify(payload);
    const lint = () => secretlint(text);
    for (let i = 0; i < WARMUP; i++) {
      masker.mask(payload);
      await lint();
    }
    const maskTimes: number[] = [];
    const lintTimes: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let maskMs = 0;
      let lintMs = 0;
      for (let c = 0; c < PER_ROUND; c++) {
        let start = performance.now();
        masker.mask(payload);
        const m = performance.now() - start;
        start = performance.now();
        await lint();
        const l = performance.now() - start;
        maskTimes.push(m);
        lintTimes.push(l);
        maskMs += m;
        lintMs += l;
      }
      ratios.push(lintMs / maskMs);
    }
    const alone: number[] = [];
    for (let c = 0; c < ALONE_CALLS; c++) {
      const start = performance.now();
      masker.mask(payload);
      alone.push(performance.now() - start);
    }
    const mask = summarize(maskTimes);
    rows.push({
      shape,
      kib: text.length / 1024,
      maskP50Us: mask.p50 * 1000,
      maskP99AloneUs: summarize(alone).p99 * 1000,
      secretlintP50Us: summarize(lintTimes).p50 * 1000,
      speedup: summarize(ratios).p50,
    });
  }
  return rows;
}
