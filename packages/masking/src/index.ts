// Public surface of @countersign/masking. The engine depends only on what is exported here.
export { createMasker, mask } from "./mask";
export { MaskingPolicy, type MaskingPolicyInput } from "./policy-schema";
export type { Finding, Masker, MaskerOptions, MaskLimits, MaskResult, Strategy } from "./types";
