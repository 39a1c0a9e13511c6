import { formatProblems, loadPolicyFile } from "@countersign/approvals/policy/index";
import type { Command } from "commander";
import { loadConfig } from "../config";
import { resolvePolicyPath } from "../load-policy";
import { CliError, print } from "./output";
import { type CaseResult, findTestFiles, loadTestFile, runCase, TEST_FILE_SUFFIX } from "./policy-test-cases";

export function registerPolicyTestCommand(policy: Command): void {
  policy
    .command("test [files...]")
    .description(`check the policy against test cases (default: ./*${TEST_FILE_SUFFIX}); exit 1 on any failure`)
    .option("--policy <file>", "the policy file (default: as the server would load it)")
    .option("--json", "machine-readable output")
    .action(async (paths: string[], options: { policy?: string; json?: boolean }) => {
      const policyPath = options.policy ?? resolvePolicyPath(loadConfig(process.env).COUNTERSIGN_POLICY);
      const loaded = await loadPolicyFile(policyPath);
      if (!loaded.ok)
        throw new CliError(formatProblems(policyPath, loaded.problems), 1, { ok: false, problems: loaded.problems });
      const files = await findTestFiles(paths);
      if (files.length === 0) throw new CliError(`no test files: name them, or put *${TEST_FILE_SUFFIX} files here`);

      const results: { path: string; cases: CaseResult[] }[] = [];
      const problems: string[] = [];
      for (const path of files) {
        const tests = await loadTestFile(path);
        if (tests.ok) results.push({ path, cases: tests.cases.map((test) => runCase(loaded.policy, test)) });
        else problems.push(formatProblems(path, tests.problems));
      }
      if (problems.length) throw new CliError(problems.join("\n"), 1, { ok: false, problems });

      const all = results.flatMap((file) => file.cases);
      const failed = all.filter((result) => !result.ok).length;
      const report = {
        ok: failed === 0,
        policy: { path: policyPath, version: loaded.version },
        passed: all.length - failed,
        failed,
        files: results,
      };
      const summary = `${report.passed} passed, ${failed} failed (policy ${policyPath})`;
      if (options.json) {
        if (failed) throw new CliError(summary, 1, report);
        print(options, report, () => "");
        return;
      }
      process.stdout.write(`${results.map(describeFile).join("\n")}\n`);
      if (failed) throw new CliError(summary);
      process.stdout.write(`${summary}\n`);
    });
}

function describeFile(file: { path: string; cases: CaseResult[] }): string {
  const lines = [file.path];
  for (const result of file.cases) {
    lines.push(`  ${result.ok ? "PASS" : "FAIL"} ${result.name}`);
    for (const f of result.failures)
      lines.push(`       ${f.field}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}`);
    if (!result.ok) lines.push(...result.explanation.map((line) => `       why: ${line}`));
  }
  return lines.join("\n");
}
