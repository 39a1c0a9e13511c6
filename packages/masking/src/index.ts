// Public surface of @countersign/masking. The engine depends only on what is exported here.
export { createMasker, mask } from "./mask";
// for copies of request data made elsewhere (the server's log formatter): keys named `__proto__` stay keys
export { setOwn } from "./own";
export { MaskingPolicy, type MaskingPolicyInput } from "./policy-schema";
export type { Finding, Masker, MaskerOptions, MaskLimits, MaskResult, Strategy } from "./types";
