import { flushSlots, Slot } from "./batch";
import { type CompiledPolicy, MaskContext } from "./context";
import { buildDetectors } from "./detectors/registry";
import { PathMatcher, parseJsonPath } from "./json-path";
import { keyFacts } from "./key-facts";
import { DEFAULT_LIMITS } from "./limits";
import { maskString } from "./mask-string";
import { MaskingPolicy } from "./policy-schema";
import { DROP, fingerprintKeyBytes } from "./strategies";
import type { Masker, MaskerOptions, MaskResult } from "./types";
import { walkValue } from "./walk";

/**
 * Compiles the policy once. Throws (a ZodError) only for an invalid policy; the returned masker
 * never throws.
 */
export function createMasker(options: MaskerOptions = {}): Masker {
  const policy = MaskingPolicy.parse(options.policy ?? {});
  const detectors = buildDetectors(policy.detectors, policy.custom, policy.allow);
  const compiled: CompiledPolicy = {
    detectors,
    keys: keyFacts(detectors.text),
    fields: new PathMatcher(policy.fields.map(parseJsonPath)),
    strategies: policy.strategies,
    fingerprintKey: fingerprintKeyBytes(options.fingerprintKey),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  };

  return {
    mask<T>(value: T): MaskResult<T> {
      const ctx = new MaskContext(compiled, true);
      ctx.slots = [];
      try {
        const states = compiled.fields.paths.length > 0 ? compiled.fields.initial() : null;
        let masked = walkValue(value, "$", states, 0, 0, undefined, ctx, new Set());
        flushSlots(ctx.slots, ctx);
        if (masked instanceof Slot) masked = masked.result;
        const root = masked === DROP ? "[REDACTED:dropped]" : masked;
        return { masked: root as T, findings: ctx.result() };
      } catch {
        // Fail closed: a bug must not let the input through.
        ctx.record({ path: "$", type: "internal_error", detector: "limit:internal_error", strategy: "redact" });
        return { masked: "[REDACTED:internal_error]" as T, findings: ctx.result() };
      }
    },
    maskText(text: string): string {
      const ctx = new MaskContext(compiled, false);
      try {
        const r = maskString(String(text), "$", null, 0, undefined, ctx, false);
        return r === DROP ? "[REDACTED:dropped]" : r;
      } catch {
        return "[REDACTED:internal_error]";
      }
    },
  };
}

let defaultMasker: Masker | undefined;

/** One-shot form. Without options it reuses one compiled default masker. */
export function mask<T>(value: T, options?: MaskerOptions): MaskResult<T> {
  if (options === undefined) {
    defaultMasker ??= createMasker();
    return defaultMasker.mask(value);
  }
  return createMasker(options).mask(value);
}
