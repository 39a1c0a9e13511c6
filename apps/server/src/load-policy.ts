import { existsSync } from "node:fs";
import type { LoadedPolicy } from "@countersign/approvals";
import { EXAMPLE_POLICY_PATH, formatProblems, loadPolicyFile } from "@countersign/approvals/policy/index";
import type { Logger } from "pino";
import { StartupError } from "./startup-error";

/** COUNTERSIGN_POLICY, else ./countersign.policy.yaml, else the shipped example (with a warning). */
export function resolvePolicyPath(configured: string | undefined, log?: Logger): string {
  if (configured) return configured;
  if (existsSync("countersign.policy.yaml")) return "countersign.policy.yaml";
  log?.warn(
    { path: EXAMPLE_POLICY_PATH },
    "no countersign.policy.yaml here: using the example policy shipped with countersign",
  );
  return EXAMPLE_POLICY_PATH;
}

export async function loadPolicyOrFail(path: string): Promise<LoadedPolicy> {
  const result = await loadPolicyFile(path);
  if (!result.ok) throw new StartupError(`policy ${path} is not valid:\n${formatProblems(path, result.problems)}`);
  return { policy: result.policy, version: result.version, source: path };
}
