import type { Policy } from "./policy";

/** A validated policy with the SHA-256 of its file, as reported on every request. */
export interface LoadedPolicy {
  policy: Policy;
  version: string;
  source: string;
}
