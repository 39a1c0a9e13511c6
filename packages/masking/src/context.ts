// State shared by one mask() call: the compiled policy (read-only, built once per masker) and the
// per-call budget and findings.
import type { Slot } from "./batch";
import type { DetectorSet } from "./detectors/registry";
import type { Category } from "./detectors/types";
import type { PathMatcher } from "./json-path";
import { applyStrategy, type Replacement, resolveStrategy } from "./strategies";
import type { Finding, MaskLimits, Strategy } from "./types";

export interface CompiledPolicy {
  detectors: DetectorSet;
  fields: PathMatcher;
  strategies: Record<string, Strategy>;
  fingerprintKey: Uint8Array;
  limits: MaskLimits;
}

export class MaskContext {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();
  private dropped = 0;
  nodes = 0;
  chars = 0;
  /** Plain strings deferred for batch scanning; null scans each string as it is met. */
  slots: Slot[] | null = null;
  /** The decode depth whose plain strings are deferred into `slots` (1 for JSON given to maskText). */
  slotDepth = 0;

  constructor(
    readonly policy: CompiledPolicy,
    /** False for maskText, where there is no field to drop: drop degrades to redact. */
    readonly dropAllowed: boolean,
  ) {}

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
    path: string,
    encoding: string | undefined,
    dropOk = true,
  ): Replacement {
    const strategy = this.strategyFor(type, category, dropOk);
    this.record({ path, type, detector, strategy, ...(encoding ? { encoding } : {}) });
    return applyStrategy(strategy, type, value, this.policy.fingerprintKey);
  }

  record(f: Finding): void {
    const key = `${f.path}\u0000${f.type}\u0000${f.detector}\u0000${f.strategy}\u0000${f.encoding ?? ""}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.findings.length < this.policy.limits.maxFindings) this.findings.push(f);
    else this.dropped++;
  }

  /** Fail closed: the whole value is replaced and the reason recorded. */
  failClosed(path: string, reason: string, encoding?: string): string {
    this.record({
      path,
      type: reason,
      detector: `limit:${reason}`,
      strategy: "redact",
      ...(encoding ? { encoding } : {}),
    });
    return `[REDACTED:${reason}]`;
  }

  result(): Finding[] {
    if (this.dropped === 0) return this.findings;
    return [
      ...this.findings,
      { path: "$", type: "findings_truncated", detector: `limit:${this.dropped}_more`, strategy: "redact" },
    ];
  }
}
