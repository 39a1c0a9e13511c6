import type { MaskingPolicyInput } from "./policy-schema";

export type Strategy = "redact" | "partial" | "last4" | "fingerprint" | "drop";

export interface Finding {
  /** JSONPath of the masked value, e.g. `$.params.password` or `$.context.rows[0].email`. */
  path: string;
  /** What was found: `email`, `credit_card`, `aws_access_key`, `field` (a field rule), … */
  type: string;
  /** Which rule or detector found it: `field:$..password`, `key:password`, `detector:email`, … */
  detector: string;
  strategy: Strategy;
  /**
   * Set when the value sat inside an encoded string: `json`, `base64`, `url`, or a chain such as
   * `base64>json`. The path then continues into the decoded value.
   */
  encoding?: string;
}

export interface MaskResult<T = unknown> {
  masked: T;
  findings: Finding[];
}

/** Caps that bound time and memory; anything beyond them is masked whole (fail closed). */
export interface MaskLimits {
  /** Nesting depth of objects and arrays. */
  maxDepth: number;
  /** Objects, arrays and scalars visited in one call. */
  maxNodes: number;
  /** Length of any single string. */
  maxStringLength: number;
  /** Characters scanned in one call, including decoded inner strings. */
  maxTotalChars: number;
  /** How many encodings deep (JSON in base64 in JSON …) strings are opened. */
  maxDecodeDepth: number;
  /** Findings kept per call; the rest are summarised in one `findings_truncated` finding. */
  maxFindings: number;
}

export interface MaskerOptions {
  /** The policy file's `masking` section. */
  policy?: MaskingPolicyInput;
  /** Key for the `fingerprint` strategy (COUNTERSIGN_SECRET_KEY). A fixed dev key is used when absent. */
  fingerprintKey?: string | Uint8Array;
  /** Overrides for the default caps. */
  limits?: Partial<MaskLimits>;
}

export interface Masker {
  /** Masks any JSON value. Deterministic, never throws, never mutates its input. */
  mask<T = unknown>(value: T): MaskResult<T>;
  /** Masks secrets and PII inside free text (used by the logger). */
  maskText(text: string): string;
}
