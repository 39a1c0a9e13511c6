import type { ParsePolicyResult, PolicyProblem } from "./parse-policy";
import type { Policy } from "./policy-schema";

/** One line per problem: `FILE: path: message`, with the position when known. */
export function formatProblems(source: string, problems: readonly PolicyProblem[]): string {
  return problems
    .map((problem) => {
      const position = problem.line === undefined ? "" : `line ${problem.line}, column ${problem.column ?? 1}`;
      const where =
        problem.path === "" ? position || "(file)" : position ? `${problem.path} (${position})` : problem.path;
      return `${source}: ${where}: ${problem.message}`;
    })
    .join("\n");
}

export class PolicyError extends Error {
  override readonly name = "PolicyError";
  constructor(
    readonly source: string,
    readonly problems: readonly PolicyProblem[],
  ) {
    const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    super(`invalid policy ${source} (${count}):\n${formatProblems(source, problems)}`);
  }

  formatProblems(): string {
    return formatProblems(this.source, this.problems);
  }
}

/** The policy and its version, or a PolicyError listing every problem. */
export function policyOrThrow(result: ParsePolicyResult): { policy: Policy; version: string } {
  if (!result.ok) throw new PolicyError(result.source, result.problems);
  return { policy: result.policy, version: result.version };
}
