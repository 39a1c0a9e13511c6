import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/run-cli";
import { startTestServer, TEST_POLICY, type TestServer } from "./support/start-test-server";

let t: TestServer;
let agent: { key: string };
let alice: { key: string };
beforeAll(async () => {
  t = await startTestServer();
  agent = await t.createKey(["requests:write", "tokens:redeem"]);
  alice = await t.createKey(["decisions:write"], "alice@example.com");
});
afterAll(() => t?.close());

const client = (key: string) => ({ COUNTERSIGN_URL: t.url, COUNTERSIGN_API_KEY: key, LOG_LEVEL: "silent" });
let run = 0;
// Distinct params per call: identical pending requests from one requester are merged by design.
const request = (args: string[]) =>
  runCli(
    [
      "request",
      "--action",
      "db.export",
      "--environment",
      "staging",
      "--params",
      JSON.stringify({ table: "customers", run: ++run }),
      ...args,
    ],
    client(agent.key),
  );

async function decideWhenPending(verdict: "approve" | "deny", reason?: string) {
  for (let i = 0; i < 200; i++) {
    const reader = await t.createKey(["requests:read"]);
    const pending = await t.api(reader.key)("GET", "/v1/requests?status=pending&limit=1");
    const id = pending.body.items[0]?.id;
    if (id) return t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict, reason });
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no pending request appeared");
}

// Each case runs the CLI in fresh processes (about 2 s each on this machine), hence the longer timeout.
describe("countersign request --wait (pipelines)", { timeout: 90_000 }, () => {
  it("prints the token and exits 0 on approval; the token redeems once", async () => {
    const running = request(["--wait", "--timeout", "1m"]);
    await decideWhenPending("approve");
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    const token = result.stdout.trim();
    expect(token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    const first = await runCli(["redeem", token, "--json"], client(agent.key));
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ action: "db.export", approved_by: ["alice@example.com"] });
    const second = await runCli(["redeem", token], client(agent.key));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("token_used");
  });

  it("exits 2 when denied, with the decision in --json output", async () => {
    const running = request(["--wait", "--timeout", "1m", "--json"]);
    await decideWhenPending("deny", "not today");
    const result = await running;
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "denied" });
  });

  it("exits 3 when it times out, and when the request expires", async () => {
    const timedOut = await request(["--wait", "--timeout", "2s"]);
    expect(timedOut.code).toBe(3);
    expect(timedOut.stderr).toContain("still pending");
    const expired = await request(["--wait", "--timeout", "1m", "--ttl", "1s"]);
    expect(expired.code).toBe(3);
    expect(expired.stderr).toContain("expired");
  });

  it("without --wait prints the id; auto-approved requests print the token at once", async () => {
    const pending = await request([]);
    expect(pending.code).toBe(0);
    expect(pending.stdout).toMatch(/^req_\S+: pending/);
    const auto = await runCli(["request", "--action", "db.query.users"], client(agent.key));
    expect(auto.stdout.trim()).toMatch(/^cst_/);
  });

  it("explains client errors in one line and exits 1", async () => {
    const noKey = await runCli(["request", "--action", "db.export"], {
      COUNTERSIGN_URL: t.url,
      COUNTERSIGN_API_KEY: "",
    });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain("COUNTERSIGN_API_KEY");
    const badJson = await runCli(["request", "--action", "db.export", "--params", "{nope"], client(agent.key));
    expect(badJson.stderr).toContain("--params must be a JSON object");
    const refused = await runCli(["request", "--action", "NOT VALID"], client(agent.key));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("validation_failed");
    const unreachable = await runCli(["decide", "req_x", "approve"], {
      COUNTERSIGN_URL: "http://127.0.0.1:9",
      COUNTERSIGN_API_KEY: alice.key,
    });
    expect(unreachable.stderr).toContain("cannot reach countersign");
  });
});

describe("countersign decide, keys and policy", { timeout: 90_000 }, () => {
  it("decide approves as the key's approver and reports progress", async () => {
    const created = await t.api(agent.key)("POST", "/v1/requests", {
      action: "db.export",
      environment: "staging",
      requester: { type: "pipeline", id: "deploy-bot" },
    });
    const result = await runCli(["decide", created.body.id, "approve"], client(alice.key));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("approved (1 of 1 approvals)");
    const again = await runCli(["decide", created.body.id, "deny"], client(alice.key));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already_decided");
  });

  it("keys create --json prints id, key, signing_secret, scopes and approver", async () => {
    const result = await runCli(
      ["keys", "create", "--name", "ci", "--scopes", "decisions:write", "--approver", "Bob@Example.com", "--json"],
      { ...t.env, LOG_LEVEL: "silent" },
    );
    expect(result.code, result.stderr).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(Object.keys(created).sort()).toEqual(["approver", "id", "key", "scopes", "signing_secret"]);
    expect(created).toMatchObject({ approver: "bob@example.com", scopes: ["decisions:write"] });
    expect(created.signing_secret).toMatch(/^whsec_/);
    const missingApprover = await runCli(["keys", "create", "--name", "x", "--scopes", "decisions:write"], t.env);
    expect(missingApprover.code).toBe(1);
    expect(missingApprover.stderr).toContain("approver");
    const revoke = await runCli(["keys", "revoke", created.id], t.env);
    expect(revoke.code).toBe(0);
    expect((await t.api(created.key)("GET", "/v1/requests")).status).toBe(401);
  });

  it("policy check accepts a good file and lists every problem of a bad one with its path", async () => {
    const good = await runCli(["policy", "check", TEST_POLICY, "--json"], {});
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, version: expect.stringMatching(/^sha256:/) });
    const dir = mkdtempSync(join(tmpdir(), "policy-"));
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      [
        "version: 1",
        "approvers: { dba: [alice@example.com] }",
        "rules:",
        "  - name: a",
        "    match: { action: db.export }",
        "    require: { approvals: 3, from: [dba, nobody] }",
        "    notify: [nowhere]",
        "    ttl: soon",
      ].join("\n"),
    );
    const result = await runCli(["policy", "check", bad], {});
    expect(result.code).toBe(1);
    for (const path of ["rules[0].require.from", "rules[0].notify", "rules[0].ttl"])
      expect(result.stderr).toContain(path);
  });

  it("policy explain names the rule and why", async () => {
    const result = await runCli(
      ["policy", "explain", "--action", "db.export", "--environment", "staging", "--policy", TEST_POLICY, "--json"],
      {},
    );
    expect(result.code).toBe(0);
    const explained = JSON.parse(result.stdout);
    expect(explained.rule).toBe("fallback");
    expect(explained.trace[0]).toMatchObject({ rule: "prod-export", matched: false });
    expect(explained.explanation.join(" ")).toContain("production");
  });
});
