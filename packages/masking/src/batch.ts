// Scanning many short strings one by one costs more in per-call overhead than in matching. The
// walk therefore defers plain string values and scans them as one text, joined by a separator no
// detector matches across; a match that would cross it sends its strings back to one-by-one scanning.
import type { MaskContext } from "./context";
import type { Match } from "./detectors/types";
import type { Segment } from "./json-path";
import { type PathRef, pathOf } from "./lazy-path";
import { applyMatches, maskString, needsDecoding } from "./mask-string";
import { setOwn } from "./own";
import { merge, scan } from "./scan-text";
import { isShortPlainWord } from "./short-words";
import { DROP, type Replacement } from "./strategies";
import { B64_MIN, base64Runs, rememberBase64Runs } from "./text-runs";

const SEP = "\n\u0000\n";
/** Batches stay small enough that one scan's working set stays in cache. */
const MAX_BATCH = 65_536;

export class Slot {
  container: Record<string, unknown> | unknown[] | undefined;
  key: string | number | undefined;
  result: Replacement | undefined;
  /** Written back even when the scan changed nothing. */
  rewrite = false;
  private node: PathRef | undefined;
  constructor(
    readonly text: string,
    /** The path of the string's container, or of the string itself when `seg` is undefined. */
    private readonly parent: PathRef,
    private readonly seg: Segment | undefined,
    private readonly mayRepeat: boolean,
    readonly states: Uint32Array | null,
    readonly encoding: string | undefined,
    /** How many encodings deep the string sits (0 for a value of the request itself). */
    readonly depth = 0,
  ) {}

  /** The string's path node, made when first asked for: most strings hold nothing to report. */
  get path(): PathRef {
    this.node ??= pathOf(this.parent, this.seg, this.mayRepeat);
    return this.node;
  }
}

export const DROPPED = Symbol("dropped");
const NONE: Match[] = [];

function processOne(slot: Slot, ctx: MaskContext): Replacement {
  return maskString(slot.text, slot.path, slot.states, slot.depth, slot.encoding, ctx, true);
}

function scanBatch(batch: Slot[], ctx: MaskContext): void {
  const { batchable, perString } = ctx.policy.detectors;
  // sized once: grown push by push, the two lists cost twice their size in garbage (a typed array
  // costs more to make than it saves)
  const starts = new Array<number>(batch.length);
  const parts = new Array<string>(batch.length + 1);
  let length = 0;
  for (let i = 0; i < batch.length; i++) {
    const text = batch[i]!.text;
    starts[i] = length;
    parts[i] = text;
    length += text.length + SEP.length;
  }
  // joined in one piece (a chain of += would be flattened again on the first character read)
  parts[batch.length] = "";
  const text = parts.join(SEP);
  const matches = scan(text, batchable);
  // base64 runs never cross the separator; one pass over the batch tells which strings hold one
  const b64 = base64Runs(text, B64_MIN);
  // most strings hold no match: their lists are only made when needed
  const local: (Match[] | undefined)[] = new Array(batch.length);
  // made only when a match crosses a separator (rare)
  let crossed: Set<number> | null = null;
  let k = 0;
  for (const m of matches) {
    while (k + 1 < batch.length && starts[k + 1]! <= m.start) k++;
    const end = starts[k]! + batch[k]!.text.length;
    if (m.end > end) {
      crossed ??= new Set<number>();
      for (let j = k; j < batch.length && starts[j]! < m.end; j++) crossed.add(j);
      continue;
    }
    const at = starts[k]!;
    // the scan's matches are this batch's own: moved to the string's offsets in place
    m.start -= at;
    m.end -= at;
    // most strings with a match have one: a list made by its first push would reserve 17 slots
    const list = local[k];
    if (list === undefined) local[k] = [m];
    else list.push(m);
  }
  // the first base64 run not before the string at hand (the strings and the runs are both in order)
  let run = 0;
  for (let i = 0; i < batch.length; i++) {
    const slot = batch[i]!;
    while (run < b64.length && b64[run]! < starts[i]!) run += 2;
    const holdsBase64 = run < b64.length && b64[run]! < starts[i]! + slot.text.length;
    if (crossed?.has(i)) {
      ctx.chars -= slot.text.length; // counted when batched, counted again by maskString
      slot.result = processOne(slot, ctx);
      continue;
    }
    let found = local[i] ?? NONE;
    if (perString.length > 0) found = merge([...found, ...scan(slot.text, perString)]);
    if (found.length === 0 && !holdsBase64) {
      slot.result = slot.text; // nothing to replace and nothing to decode
      continue;
    }
    if (holdsBase64) rememberBase64Runs(slot.text, runsWithin(b64, run, starts[i]!, slot.text.length));
    slot.result = applyMatches(slot.text, found, slot.path, slot.depth, slot.encoding, ctx, true, holdsBase64);
  }
}

/** The runs (from `first` on) of the string at `at` in the batch, relative to it. */
function runsWithin(runs: number[], first: number, at: number, length: number): number[] {
  const out: number[] = [];
  for (let r = first; r < runs.length && runs[r]! < at + length; r += 2) out.push(runs[r]! - at, runs[r + 1]! - at);
  return out;
}

/** Masks every deferred string and writes the results into the masked copy. */
export function flushSlots(slots: Slot[], ctx: MaskContext): void {
  const limits = ctx.policy.limits;
  const wordsCannotMatch = ctx.policy.detectors.perString.length === 0;
  let batch: Slot[] = [];
  let size = 0;
  for (const slot of slots) {
    if (slot.text.length === 0) slot.result = slot.text;
    else if (slot.text.length > limits.maxStringLength || ctx.chars + slot.text.length > limits.maxTotalChars) {
      slot.result = processOne(slot, ctx);
    } else if (needsDecoding(slot.text)) slot.result = processOne(slot, ctx);
    else {
      ctx.chars += slot.text.length;
      // counted in the batch size all the same, so batches end where they always did
      if (wordsCannotMatch && isShortPlainWord(slot.text)) slot.result = slot.text;
      else batch.push(slot);
      size += slot.text.length + SEP.length;
      if (size >= MAX_BATCH) {
        if (batch.length > 0) scanBatch(batch, ctx);
        batch = [];
        size = 0;
      }
    }
  }
  if (batch.length > 0) scanBatch(batch, ctx);
  const arrays = new Set<unknown[]>();
  for (const slot of slots) {
    const c = slot.container;
    if (c === undefined || slot.key === undefined) continue;
    // the container already holds the text
    if (slot.result === slot.text && !slot.rewrite) continue;
    if (Array.isArray(c)) {
      c[slot.key as number] = slot.result === DROP ? DROPPED : slot.result;
      if (slot.result === DROP) arrays.add(c);
    } else if (slot.result === DROP) delete c[slot.key as string];
    else setOwn(c, slot.key as string, slot.result);
  }
  for (const a of arrays) {
    const kept = a.filter((x) => x !== DROPPED);
    a.length = 0;
    a.push(...kept);
  }
}
