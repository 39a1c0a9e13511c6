import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { npmStart, runCli } from "./support/run-cli";
import { TEST_REDIS_URL } from "./support/services";

const dataDir = mkdtempSync(join(tmpdir(), "countersign-embedded-"));
const env = {
  DATABASE_URL: "",
  COUNTERSIGN_DATA_DIR: dataDir,
  REDIS_URL: TEST_REDIS_URL,
  COUNTERSIGN_QUEUE_PREFIX: `cs-embedded-${randomBytes(4).toString("hex")}`,
  COUNTERSIGN_POLICY: "",
  COUNTERSIGN_SECRET_KEY: "",
  PORT: String(20000 + Math.floor(Math.random() * 20000)),
  LOG_LEVEL: "info",
};
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("npm start with no DATABASE_URL", () => {
  it("comes up on embedded PGlite with the example policy and serves the whole loop", async () => {
    const keys = async (args: string[]) => {
      const res = await runCli(["keys", "create", ...args, "--json"], env);
      expect(res.code, res.stderr).toBe(0);
      return JSON.parse(res.stdout) as { key: string };
    };
    const agent = await keys(["--name", "agent", "--scopes", "requests:write", "tokens:redeem"]);
    const alice = await keys(["--name", "alice", "--scopes", "decisions:write", "--approver", "alice@example.com"]);

    const server = await npmStart(env);
    try {
      expect(server.lines.join("\n")).toContain("using the example policy");
      const call = (key: string, method: string, path: string, body?: unknown) =>
        fetch(`${server.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const created = await call(agent.key, "POST", "/v1/requests", {
        action: "db.export",
        environment: "staging",
        requester: { type: "agent", id: "etl-agent" },
        params: { table: "customers" },
      });
      expect(created.status).toBe(201);
      expect(created.body.policy.rule).toBe("fallback");
      const decided = await call(alice.key, "POST", `/v1/requests/${created.body.id}/decisions`, {
        verdict: "approve",
      });
      expect(decided.body.status).toBe("approved");
      const read = await call(agent.key, "GET", `/v1/requests/${created.body.id}`);
      expect(read.body.token).toMatch(/^cst_/);
      const redeemed = await call(agent.key, "POST", "/v1/tokens/redeem", { token: read.body.token });
      expect(redeemed.status).toBe(200);

      // Expiry runs on the embedded database too (the workers' sweep, every second).
      const shortLived = await call(agent.key, "POST", "/v1/requests", {
        action: "db.export",
        environment: "staging",
        requester: { type: "agent", id: "etl-agent" },
        params: { table: "orders" },
        ttl_seconds: 1,
      });
      expect(shortLived.status).toBe(201);
      let status = "pending";
      for (let i = 0; i < 60 && status === "pending"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await call(agent.key, "GET", `/v1/requests/${shortLived.body.id}`)).body.status;
      }
      expect(status).toBe("expired");
      expect(server.lines.join("\n")).not.toContain("expiry sweep failed");

      // The embedded database belongs to the running server: a second process is refused clearly.
      const locked = await runCli(["keys", "create", "--name", "x", "--scopes", "audit:read"], env);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain("in use by process");
    } finally {
      await server.stop();
    }
    // npm dies by the signal; the server itself drains and releases the embedded database.
    for (let i = 0; i < 100 && existsSync(join(dataDir, "pglite.lock")); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(dataDir, "pglite.lock"))).toBe(false);
    expect(server.lines.join("\n")).toContain("shutting down");
    const verify = await runCli(["audit", "verify"], env);
    expect(verify.code, verify.stderr).toBe(0);
  }, 120_000);
});
