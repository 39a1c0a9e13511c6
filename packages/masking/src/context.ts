// State shared by one mask() call: the compiled policy (read-only, built once per masker) and the
// per-call budget and findings.
import type { Slot } from "./batch";
import type { DetectorSet } from "./detectors/registry";
import type { Category } from "./detectors/types";
import type { PathMatcher } from "./json-path";
import type { KeyFacts } from "./key-facts";
import { redactedToken } from "./labels";
import { PathNode, type PathRef, pathText } from "./lazy-path";
import { type NamedValue, oauthCodeOf, outputKeyAt, pairFields } from "./named-pairs";
import { applyStrategy, type Replacement, resolveStrategy } from "./strategies";
import type { Finding, MaskLimits, Strategy } from "./types";

export interface CompiledPolicy {
  detectors: DetectorSet;
  /** Facts about an object key, from `detectors.text`. */
  keys: (key: string) => KeyFacts;
  fields: PathMatcher;
  strategies: Record<string, Strategy>;
  fingerprintKey: Uint8Array;
  limits: MaskLimits;
}

/** A finding; `encoding` comes last and only when there is one (a spread would copy a fresh object). */
function finding(path: string, type: string, detector: string, strategy: Strategy, encoding?: string): Finding {
  const f: Finding = { path, type, detector, strategy };
  if (encoding) f.encoding = encoding;
  return f;
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Findings for one path are compared one by one up to this many; past it, by a key in a set.
const FEW_PER_PATH = 8;

export class MaskContext {
  readonly findings: Finding[] = [];
  /** The first findings recorded for each path (kept or dropped), to record each one once. */
  private readonly seen = new Map<string, Finding[]>();
  /** Beyond those, one key per finding: a path with many kinds of finding stays linear. */
  private readonly seenKeys = new Set<string>();
  private dropped = 0;
  /**
   * Values replaced so far, findings repeated or not: whether a decoded run changed is read from
   * this, never from the findings (a run repeating an earlier finding adds none, yet is masked).
   */
  changes = 0;
  nodes = 0;
  chars = 0;
  /** Plain strings deferred for batch scanning; null scans each string as it is met. */
  slots: Slot[] | null = null;
  /** The decode depth whose plain strings are deferred into `slots` (1 for JSON given to maskText). */
  slotDepth = 0;
  /** Above 0 inside a walk that may be one of several from the same path (see PathNode.mayRepeat). */
  repeatedWalks = 0;

  /** The keys of the last object walked and their facts: rows of one table share them. */
  private lastKeys: string[] | null = null;
  private lastFacts: KeyFacts[] = [];
  /** The name and value fields of the last keys (`pairFields`), read with them. */
  lastPairFields: [number, number] | null = null;
  /** The OAuth code among the last keys (`oauthCodeOf`), read with them. */
  lastOAuthCode: NamedValue | null = null;
  /** Where a command's output is among the last keys (`outputKeyAt`), or -1. */
  lastOutputAt = -1;
  /** The items of the array about to be walked named by the object around it (`itemsNamedBeside`), taken by walkArray. */
  itemsNamed: NamedValue[] | null = null;

  constructor(
    readonly policy: CompiledPolicy,
    /** False for maskText, where there is no field to drop: drop degrades to redact. */
    readonly dropAllowed: boolean,
  ) {}

  /** The facts of each of an object's keys (read-only). */
  keyFactsOf(keys: string[]): KeyFacts[] {
    if (this.lastKeys !== null && sameKeys(keys, this.lastKeys)) return this.lastFacts;
    this.lastKeys = keys;
    this.lastFacts = keys.map(this.policy.keys);
    this.lastPairFields = pairFields(keys);
    this.lastOAuthCode = oauthCodeOf(keys);
    this.lastOutputAt = outputKeyAt(keys);
    return this.lastFacts;
  }

  strategyFor(type: string, category: Category | "field", dropOk = true): Strategy {
    const s = resolveStrategy(this.policy.strategies, type, category);
    return s === "drop" && !(this.dropAllowed && dropOk) ? "redact" : s;
  }

  /** Replacement for `value` under the strategy for its type, recording the finding once per path and type. */
  replace(
    value: string,
    type: string,
    category: Category | "field",
    detector: string,
    path: PathRef,
    encoding: string | undefined,
    dropOk = true,
  ): Replacement {
    const strategy = this.strategyFor(type, category, dropOk);
    this.record(finding(pathText(path), type, detector, strategy, encoding), path);
    return applyStrategy(strategy, type, value, this.policy.fingerprintKey);
  }

  /** `at`: the path node `f.path` spells, when there is one. */
  record(f: Finding, at?: PathRef): void {
    this.changes++;
    if (this.repeats(f, at)) return;
    if (this.findings.length < this.policy.limits.maxFindings) this.findings.push(f);
    else this.dropped++;
  }

  private repeats(f: Finding, at: PathRef | undefined): boolean {
    // a node no other node spells the same keeps its own findings (no path text to hash)
    const own = at instanceof PathNode && !at.mayRepeat;
    const same = own ? at.recorded : this.seen.get(f.path);
    if (same === undefined) {
      if (own) at.recorded = [f];
      else this.seen.set(f.path, [f]);
      return false;
    }
    for (const g of same) {
      if (
        g.type === f.type &&
        g.detector === f.detector &&
        g.strategy === f.strategy &&
        (g.encoding ?? "") === (f.encoding ?? "")
      )
        return true;
    }
    if (same.length < FEW_PER_PATH) {
      same.push(f);
      return false;
    }
    const key = `${f.path}\u0000${f.type}\u0000${f.detector}\u0000${f.strategy}\u0000${f.encoding ?? ""}`;
    if (this.seenKeys.has(key)) return true;
    this.seenKeys.add(key);
    return false;
  }

  /** Fail closed: the whole value is replaced and the reason recorded. */
  failClosed(path: PathRef, reason: string, encoding?: string): string {
    this.record(finding(pathText(path), reason, `limit:${reason}`, "redact", encoding), path);
    return redactedToken(reason);
  }

  result(): Finding[] {
    if (this.dropped === 0) return this.findings;
    return [
      ...this.findings,
      { path: "$", type: "findings_truncated", detector: `limit:${this.dropped}_more`, strategy: "redact" },
    ];
  }
}
