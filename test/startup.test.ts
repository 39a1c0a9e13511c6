import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/run-cli";

const dataDir = mkdtempSync(join(tmpdir(), "countersign-startup-"));
const base = { COUNTERSIGN_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" };

describe("countersign serve refuses to start, in one line, exit 1", () => {
  it("on an invalid variable, naming it", async () => {
    const result = await runCli(["serve"], { ...base, PORT: "not-a-port" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("PORT");
  });

  it("in production without COUNTERSIGN_SECRET_KEY", async () => {
    const result = await runCli(["serve"], { ...base, NODE_ENV: "production" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/COUNTERSIGN_SECRET_KEY .*required when NODE_ENV=production/);
  });

  it("when Redis is unreachable, saying how to start one", async () => {
    const result = await runCli(["serve"], { ...base, REDIS_URL: "redis://127.0.0.1:1" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Redis is not reachable at redis://127.0.0.1:1");
    expect(result.stderr).toContain("redis-server");
  });

  it("when the policy file is invalid, listing every problem with its path", async () => {
    const policy = join(dataDir, "bad.policy.yaml");
    writeFileSync(policy, "version: 2\nrules:\n  - name: x\n    match: { action: db.export }\n    decide: maybe\n");
    const result = await runCli(["serve"], { ...base, COUNTERSIGN_POLICY: policy });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("version");
    expect(result.stderr).toContain("rules[0].decide");
  });
});
