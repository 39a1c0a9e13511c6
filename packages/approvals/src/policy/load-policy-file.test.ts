import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_POLICY_PATH, loadPolicyFile } from "./load-policy-file";
import { formatProblems, PolicyError, policyOrThrow } from "./policy-error";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "countersign-policy-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadPolicyFile", () => {
  it("loads the example policy shipped in the repo, versioned by the SHA-256 of its bytes", async () => {
    const result = await loadPolicyFile(EXAMPLE_POLICY_PATH);
    expect(result.ok).toBe(true);
    const bytes = await readFile(EXAMPLE_POLICY_PATH);
    if (result.ok) {
      expect(result.version).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
      expect(result.source).toBe(EXAMPLE_POLICY_PATH);
    }
  });

  it("hashes the bytes as they are on disk (BOM, CRLF)", async () => {
    const bytes = Buffer.from("\uFEFFversion: 1\r\nrules: [{ name: all, match: {}, decide: deny }]\r\n", "utf8");
    const path = join(dir, "crlf.yaml");
    await writeFile(path, bytes);
    const result = await loadPolicyFile(path);
    expect(result).toMatchObject({ ok: true, version: `sha256:${createHash("sha256").update(bytes).digest("hex")}` });
  });

  it("reports a missing file as a problem instead of throwing", async () => {
    const path = join(dir, "absent.yaml");
    expect(await loadPolicyFile(path)).toEqual({
      ok: false,
      source: path,
      problems: [{ path: "", message: "file not found" }],
    });
  });

  it("reports a directory as a problem", async () => {
    const result = await loadPolicyFile(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toContain("directory");
  });

  it("names the file in every problem line", async () => {
    const path = join(dir, "bad.yaml");
    await writeFile(path, "version: 2\nrules:\n  - { name: r, match: {}, require: { from: [ops] } }\n");
    const result = await loadPolicyFile(path);
    if (result.ok) throw new Error("expected problems");
    expect(formatProblems(result.source, result.problems).split("\n")).toEqual([
      `${path}: version (line 1, column 10): must be 1`,
      `${path}: rules[0].require.from[0] (line 3, column 45): unknown approver group "ops" (no approver groups are defined)`,
    ]);
  });
});

describe("PolicyError", () => {
  const problems = [
    {
      path: "rules[1].require.approvals",
      message: "needs 3 approvals but dba has only 2 distinct approvers",
      line: 9,
      column: 27,
    },
    { path: "", message: "Map keys must be unique", line: 4, column: 1 },
    { path: "", message: "file not found" },
    { path: "rules", message: "required" },
  ];

  it("formats one line per problem: FILE: path: message", () => {
    const error = new PolicyError("countersign.policy.yaml", problems);
    expect(error.formatProblems().split("\n")).toEqual([
      "countersign.policy.yaml: rules[1].require.approvals (line 9, column 27): needs 3 approvals but dba has only 2 distinct approvers",
      "countersign.policy.yaml: line 4, column 1: Map keys must be unique",
      "countersign.policy.yaml: (file): file not found",
      "countersign.policy.yaml: rules: required",
    ]);
    expect(error.problems).toBe(problems);
    expect(error.message).toContain("4 problems");
    expect(error).toBeInstanceOf(Error);
  });

  it("is what policyOrThrow throws for an invalid policy", () => {
    expect(() => policyOrThrow({ ok: false, source: "p.yaml", problems })).toThrow(PolicyError);
  });
});
