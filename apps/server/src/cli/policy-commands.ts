import { explainMatch, formatProblems, loadPolicyFile, resolveApprovers } from "@countersign/approvals/policy/index";
import type { Command } from "commander";
import { loadConfig } from "../config";
import { resolvePolicyPath } from "../load-policy";
import { CliError, print } from "./output";
import { registerPolicyTestCommand } from "./policy-test-command";

export function registerPolicyCommands(program: Command): void {
  const policy = program.command("policy").description("check and explain the policy file");
  policy
    .command("check [file]")
    .description("validate a policy file; exit 1 listing every problem with its path")
    .option("--json", "machine-readable output")
    .action(async (file: string | undefined, options: { json?: boolean }) => {
      const path = file ?? resolvePolicyPath(loadConfig(process.env).COUNTERSIGN_POLICY);
      const result = await loadPolicyFile(path);
      if (!result.ok)
        throw new CliError(formatProblems(path, result.problems), 1, { ok: false, problems: result.problems });
      print(
        options,
        { ok: true, path, version: result.version, rules: result.policy.rules.length },
        () => `${path}: OK (${result.policy.rules.length} rules, version ${result.version})`,
      );
    });
  policy
    .command("explain")
    .description("which rule a request would match, and why")
    .requiredOption("--action <action>", "e.g. db.export")
    .option("--resource <resource>")
    .option("--environment <environment>")
    .option("--requester-type <type>")
    .option("--requester-id <id>")
    .option("--policy <file>", "the policy file (default: as the server would load it)")
    .option("--json", "machine-readable output")
    .action(
      async (options: {
        action: string;
        resource?: string;
        environment?: string;
        requesterType?: string;
        requesterId?: string;
        policy?: string;
        json?: boolean;
      }) => {
        const path = options.policy ?? resolvePolicyPath(loadConfig(process.env).COUNTERSIGN_POLICY);
        const loaded = await loadPolicyFile(path);
        if (!loaded.ok) throw new CliError(formatProblems(path, loaded.problems));
        const result = explainMatch(loaded.policy, {
          action: options.action,
          resource: options.resource,
          environment: options.environment,
          requester: { type: options.requesterType, id: options.requesterId },
        });
        const rule = result.match?.rule;
        const summary = {
          rule: rule?.name ?? null,
          decide: rule ? (rule.decide ?? "require_approval") : "deny",
          approvals: rule?.require?.approvals ?? 0,
          approvers: rule?.require ? resolveApprovers(loaded.policy, rule) : [],
          notify: rule?.notify ?? [],
          ttl_seconds: rule?.ttl_seconds ?? null,
          explanation: result.explanation,
          trace: result.trace.map((t) => ({ rule: t.rule.name, matched: t.matched, why: t.explanation })),
        };
        print(options, summary, () =>
          [
            rule ? `rule: ${rule.name} → ${summary.decide}` : "no rule matches: denied by default",
            ...(rule?.require ? [`needs ${summary.approvals} approval(s) from: ${summary.approvers.join(", ")}`] : []),
            ...(summary.notify.length ? [`notifies: ${summary.notify.join(", ")}`] : []),
            "why:",
            ...result.explanation.map((line) => `  ${line}`),
          ].join("\n"),
        );
      },
    );
  registerPolicyTestCommand(policy);
}
