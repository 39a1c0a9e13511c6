import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { appendAudit, chainAudit, queryRows, verifyAuditChain } from "@countersign/approvals";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

const CLI = fileURLToPath(new URL("../apps/server/bin/countersign.js", import.meta.url));

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const requester = await t.createKey(["requests:write"]);
  const alice = await t.createKey(["decisions:write"], "alice@example.com");
  for (let i = 0; i < 3; i++) {
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ environment: "staging" }));
    await t.api(alice.key)("POST", `/v1/requests/${created.body.id}/decisions`, { verdict: "approve" });
  }
});
afterAll(() => t?.close());

function cli(args: string[]) {
  try {
    const stdout = execFileSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...t.env, LOG_LEVEL: "silent" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the audit trail", () => {
  it("the database refuses UPDATE, DELETE, TRUNCATE and an INSERT outside the chain", async () => {
    // drizzle wraps the driver's error; the database's own refusal is its cause.
    const refusal = (query: ReturnType<typeof sql>) =>
      t.engine.db.execute(query).then(
        () => "allowed",
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(await refusal(sql`update audit_events set type = 'x'`)).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(sql`delete from audit_events`)).toMatch(/append-only: DELETE refused/);
    expect(await refusal(sql`truncate audit_events`)).toMatch(/append-only: TRUNCATE refused/);
    expect(
      await refusal(sql`insert into audit_events (id, at, type, actor, data, prev_hash, hash)
                        values ('evt_forged', now(), 'x', '{}', '{}', '', '')`),
    ).toMatch(/direct INSERT refused/);
  });

  it("serves the trail over the API, oldest first, without tokens or keys", async () => {
    const auditor = await t.createKey(["audit:read"]);
    const res = await t.api(auditor.key)("GET", "/v1/audit?limit=1000");
    const types = res.body.items.map((e: { type: string }) => e.type);
    expect(types).toContain("request.created");
    expect(types).toContain("decision.recorded");
    expect(types).toContain("request.approved");
    const seqs = res.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(JSON.stringify(res.body)).not.toMatch(/cst_[A-Za-z0-9_-]{43}|csk_[A-Za-z0-9_-]{43}/);
  });

  it("appends from many connections at once form one unbroken chain, in seq order", async () => {
    const requester = await t.createKey(["requests:write"]);
    const before = await verifyAuditChain(t.engine.db);
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.api(requester.key)("POST", "/v1/requests", baseRequest({ environment: "staging", params: { run: i } })),
      ),
    );
    expect(created.every((r) => r.status === 201)).toBe(true);
    const after = await verifyAuditChain(t.engine.db);
    expect(after.ok).toBe(true);
    expect(after.checked).toBeGreaterThanOrEqual(before.checked + 40);
    const [staged] = await queryRows<{ n: number }>(t.engine.db, sql`select count(*)::int as n from audit_pending`);
    expect(staged!.n).toBe(0);
  });

  it("a transaction that rolls back leaves no audit event, staged or chained", async () => {
    const count = async () => {
      await chainAudit(t.engine.db);
      return (
        await queryRows<{ events: number; staged: number }>(
          t.engine.db,
          sql`select (select count(*)::int from audit_events) as events,
                     (select count(*)::int from audit_pending) as staged`,
        )
      )[0]!;
    };
    const before = await count();
    await expect(
      t.engine.db.transaction(async (tx) => {
        await appendAudit(tx, { type: "test.rolled_back", actor: { type: "system", reason: "test" }, at: new Date() });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await count()).toEqual(before);
    expect((await verifyAuditChain(t.engine.db)).ok).toBe(true);
  });

  it("audit export writes JSON lines", () => {
    const out = cli(["audit", "export"]);
    expect(out.code).toBe(0);
    const lines = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(5);
    expect(lines[0]).toHaveProperty("hash");
  });
  it("chains an event staged under REPEATABLE READ, and refuses to chain from such a snapshot, which would fork the chain", async () => {
    await t.engine.db.transaction(
      async (tx) => {
        await appendAudit(tx, {
          type: "test.repeatable_read",
          actor: { type: "system", reason: "test" },
          at: new Date(),
        });
      },
      { isolationLevel: "repeatable read" },
    );
    const attempt = t.engine.db.transaction(async (tx) => chainAudit(tx), { isolationLevel: "repeatable read" });
    const error = (await attempt.catch((e: Error & { cause?: Error }) => e)) as Error & { cause?: Error };
    expect(error.cause?.message ?? error.message).toMatch(/must be chained in a READ COMMITTED transaction/);

    expect((await verifyAuditChain(t.engine.db)).ok).toBe(true);
    const [row] = await queryRows<{ n: number }>(
      t.engine.db,
      sql`select count(*)::int as n from audit_events where type = 'test.repeatable_read'`,
    );
    expect(row!.n).toBe(1);
  });

  it("a read of the trail sees every event committed before it, in order", async () => {
    const requester = await t.createKey(["requests:write"]);
    const auditor = await t.createKey(["audit:read"]);
    const created = await t.api(requester.key)(
      "POST",
      "/v1/requests",
      baseRequest({ environment: "staging", params: { run: "read-after-write" } }),
    );
    await t.api(requester.key)("POST", `/v1/requests/${created.body.id}/cancel`, {});
    const page = await t.api(auditor.key)("GET", "/v1/audit?limit=1000");
    const types = page.body.items
      .filter((e: { request_id: string }) => e.request_id === created.body.id)
      .map((e: { type: string }) => e.type);
    expect(types.slice(0, 2)).toEqual(["request.created", "request.cancelled"]);
  });

  it("a trail cut back from its end is still a whole chain: a head recorded earlier shows the cut", async () => {
    const first = cli(["audit", "verify"]);
    expect(first.code).toBe(0);
    const printed = /head (\d+):([0-9a-f]{64})$/.exec(first.stdout.trim());
    expect(printed).not.toBeNull();
    const head = { seq: Number(printed![1]), hash: printed![2]! };
    expect(cli(["audit", "verify", "--expect-head", `${head.seq}:${head.hash}`]).code).toBe(0);

    // a head that is in the chain with another hash: history up to it was rewritten
    const rewritten = cli(["audit", "verify", "--expect-head", `${head.seq}:${"0".repeat(64)}`]);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stderr).toContain(`row seq ${head.seq}`);
    expect(rewritten.stderr).toContain("rewritten");
    // a head that is not SEQ:HASH is refused before anything is read
    const garbled = cli(["audit", "verify", "--expect-head", "yesterday"]);
    expect(garbled.code).not.toBe(0);
    expect(garbled.stderr).toContain("SEQ:HASH");

    // As a superuser would: switch the guard off, remove the newest row, switch it back on.
    const admin = new pg.Client({ connectionString: t.database.url });
    await admin.connect();
    await admin.query("alter table audit_events disable trigger audit_events_no_update");
    await admin.query("delete from audit_events where seq = $1", [head.seq]);
    await admin.query("alter table audit_events enable trigger audit_events_no_update");
    await admin.end();

    // the chain alone cannot tell
    expect(cli(["audit", "verify"]).code).toBe(0);
    const cut = cli(["audit", "verify", "--expect-head", `${head.seq}:${head.hash}`]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain(`row seq ${head.seq}, recorded as the head earlier, is missing`);
    expect(cut.stderr).toContain("cut back");
  });

  // Last: it breaks the chain on purpose.
  it("audit verify passes, then names the row a superuser altered", async () => {
    const clean = cli(["audit", "verify", "--json"]);
    expect(clean.code).toBe(0);
    const good = JSON.parse(clean.stdout);
    expect(good.ok).toBe(true);
    expect(good.head).toEqual({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const rows = await queryRows<{ seq: number }>(
      t.engine.db,
      sql`select seq from audit_events order by seq limit 1 offset 2`,
    );
    const target = Number(rows[0]!.seq);
    // As a superuser would: switch the guard off, rewrite history, switch it back on.
    const admin = new pg.Client({ connectionString: t.database.url });
    await admin.connect();
    await admin.query("alter table audit_events disable trigger audit_events_no_update");
    await admin.query(`update audit_events set data = '{"approver":"mallory@example.com"}' where seq = $1`, [target]);
    await admin.query("alter table audit_events enable trigger audit_events_no_update");
    await admin.end();

    const broken = cli(["audit", "verify"]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`row seq ${target}`);
    expect(broken.stderr).toContain("altered");
  });
});
