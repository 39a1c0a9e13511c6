import type { MaskLimits } from "./types";

// Sized for the API's 256 KiB request body with room for decoded content; a request never comes
// near them, an attack or a bug does.
export const DEFAULT_LIMITS: MaskLimits = {
  maxDepth: 64,
  maxNodes: 100_000,
  maxStringLength: 1_048_576,
  maxTotalChars: 8_388_608,
  maxDecodeDepth: 3,
  maxFindings: 1_000,
};
