import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "./support/run-cli";
import { TEST_POLICY } from "./support/start-test-server";

const EXAMPLE_POLICY = join(REPO_ROOT, "examples/countersign.policy.yaml");
const EXAMPLE_TESTS = join(REPO_ROOT, "examples/policy-tests");

function fixture(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "policy-test-")), name);
  writeFileSync(path, text);
  return path;
}

const mixed = `
cases:
  - name: production exports need two
    request: { action: db.export, environment: production, requester: { type: agent, id: etl } }
    expect: { rule: prod-export, decision_mode: approval_required, required_approvals: 2 }
  - name: wrongly expects staging exports to be automatic
    request: { action: db.export, environment: staging, requester: { type: agent, id: etl, on_behalf_of: bob@example.com } }
    expect: { rule: read-only, decision_mode: auto_approved, approvers: [bob@example.com] }
`;

// Each case runs the CLI in fresh processes (about 2 s each).
describe("countersign policy test", { timeout: 120_000 }, () => {
  it("passes the example fixture against the example policy, case by case", async () => {
    const result = await runCli(["policy", "test", EXAMPLE_TESTS, "--policy", EXAMPLE_POLICY], {});
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/example\.policy-test\.yaml$/);
    expect(lines.filter((l) => l.trim().startsWith("PASS"))).toHaveLength(8);
    expect(result.stdout).not.toContain("FAIL");
    expect(lines.at(-1)).toBe(`8 passed, 0 failed (policy ${EXAMPLE_POLICY})`);
  });

  it("reports each failing field with what was expected and why, and exits 1", async () => {
    const path = fixture("mixed.policy-test.yaml", mixed);
    const result = await runCli(["policy", "test", path, "--policy", EXAMPLE_POLICY], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("PASS production exports need two");
    expect(result.stdout).toContain("FAIL wrongly expects staging exports to be automatic");
    expect(result.stdout).toContain('rule: expected "read-only", got "fallback"');
    expect(result.stdout).toContain('decision_mode: expected "auto_approved", got "approval_required"');
    // bob asked through his agent, so only alice may approve it.
    expect(result.stdout).toContain('approvers: expected ["bob@example.com"], got ["alice@example.com"]');
    expect(result.stdout).toContain('why: rules[0] "prod-destroy" skipped');
    expect(result.stderr.trim()).toBe(`1 passed, 1 failed (policy ${EXAMPLE_POLICY})`);
  });

  it("--json carries every case, and the policy as the server would load it by default", async () => {
    const failing = fixture("mixed.policy-test.yaml", mixed);
    const failed = await runCli(["policy", "test", failing, "--policy", EXAMPLE_POLICY, "--json"], {});
    expect(failed.code).toBe(1);
    const report = JSON.parse(failed.stdout);
    expect(report).toMatchObject({ ok: false, passed: 1, failed: 1 });
    expect(report.files[0].cases[1].failures.map((f: { field: string }) => f.field)).toEqual([
      "rule",
      "decision_mode",
      "approvers",
    ]);

    const forbidden = fixture(
      "forbidden.policy-test.yaml",
      "cases:\n  - name: root deletion is refused\n    request: { action: iam.delete_root, requester: { type: human, id: eve } }\n    expect: { rule: forbidden, decision_mode: denied_by_policy, approvers: [], required_approvals: 0 }\n",
    );
    const passed = await runCli(["policy", "test", forbidden, "--json"], { COUNTERSIGN_POLICY: TEST_POLICY });
    expect(passed.code, passed.stderr).toBe(0);
    expect(JSON.parse(passed.stdout)).toMatchObject({
      ok: true,
      passed: 1,
      failed: 0,
      policy: { path: TEST_POLICY, version: expect.stringMatching(/^sha256:/) },
    });
  });

  it("refuses a malformed fixture, naming each problem's path", async () => {
    const path = fixture(
      "bad.policy-test.yaml",
      "cases:\n  - name: x\n    request: { action: deploy, requester: { type: robot, id: r } }\n    expect: { rule: a, decision_mode: maybe, extra: 1 }\n",
    );
    const result = await runCli(["policy", "test", path, "--policy", EXAMPLE_POLICY], {});
    expect(result.code).toBe(1);
    for (const where of ["cases[0].request.requester.type", "cases[0].expect.decision_mode", "cases[0].expect"])
      expect(result.stderr).toContain(`${path}: ${where}: `);
    expect(result.stderr).toContain("extra");
  });
});
