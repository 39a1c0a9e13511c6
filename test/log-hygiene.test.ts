import { randomBytes } from "node:crypto";
import { chainAudit, queryRows } from "@countersign/approvals";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCallbackReceiver } from "./support/callback-receiver";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

const lines: string[] = [];
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ logLines: lines });
});
afterAll(() => t?.close());

describe("logs and queues never carry secrets", () => {
  it("a whole loop at debug level logs no token, API key, callback secret or unmasked request data", async () => {
    const receiver = await startCallbackReceiver();
    const requester = await t.createKey(["requests:write", "tokens:redeem"]);
    const alice = await t.createKey(["decisions:write"], "alice@example.com");
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    try {
      const created = await t.api(requester.key)(
        "POST",
        "/v1/requests",
        baseRequest({
          environment: "staging",
          params: { table: "customers", password: "S3cr3t-Passw0rd!" },
          callback: { url: receiver.url, secret },
        }),
      );
      await t.api(alice.key)("POST", `/v1/requests/${created.body.id}/decisions`, { verdict: "approve" });
      const [callback] = await receiver.waitFor(1);
      const token = callback!.json.data.token as string;
      await t.api(requester.key)("POST", "/v1/tokens/redeem", { token });

      // Whatever is in Redis for this server: job payloads carry outbox ids only.
      const keys = await t.redis.keys(`${t.prefix}:*`);
      const redisDump: string[] = [];
      for (const key of keys) {
        const type = await t.redis.type(key);
        if (type === "hash") redisDump.push(JSON.stringify(await t.redis.hgetall(key)));
        else if (type === "string") redisDump.push(String(await t.redis.get(key)));
        else if (type === "list") redisDump.push(JSON.stringify(await t.redis.lrange(key, 0, -1)));
      }

      // The audit trail is kept forever and exported: it must not carry them either.
      await chainAudit(t.engine.db);
      const audit = await queryRows(t.engine.db, sql`select * from audit_events`);
      const auditDump = JSON.stringify(audit);
      expect(audit.length).toBeGreaterThan(2);

      const everything = [lines.join("\n"), redisDump.join("\n"), auditDump];
      expect(lines.length).toBeGreaterThan(5);
      for (const haystack of everything) {
        expect(haystack).not.toContain(token);
        expect(haystack).not.toContain(requester.key);
        expect(haystack).not.toContain(alice.key);
        expect(haystack).not.toContain(secret);
        expect(haystack).not.toContain("S3cr3t-Passw0rd!");
        expect(haystack).not.toContain("4111 1111 1111 1111");
        expect(haystack).not.toContain("jo@example.com");
      }
    } finally {
      await receiver.close();
    }
  });

  it("request log lines name the method, path and status, with a secret in the URL masked", async () => {
    const reader = await t.createKey(["requests:read"]);
    const githubToken = `ghp_${"x7Kq2mZp9R".repeat(3)}abcdef`;
    const from = lines.length;
    const res = await t.api(reader.key)("GET", `/v1/requests?status=pending&note=${githubToken}`);
    expect(res.status).toBe(422);
    const logged = lines.slice(from).map((l) => JSON.parse(l) as Record<string, any>);
    // One access line per request, at info: method, path, address and status together.
    const completed = logged.filter((l) => l.msg === "request completed");
    expect(completed).toHaveLength(1);
    expect(completed[0]?.req).toMatchObject({ method: "GET", remoteAddress: "127.0.0.1" });
    expect(completed[0]?.req.url).toMatch(/^\/v1\/requests\?status=pending&note=/);
    expect(completed[0]?.res).toEqual({ statusCode: 422 });
    expect(completed[0]?.level).toBe(30);
    // The line as the request arrives is there for debugging only.
    expect(logged.find((l) => l.msg === "incoming request")?.level).toBe(20);
    expect(lines.slice(from).join("\n")).not.toContain(githubToken);
  });

  it("the server's own listening address stays readable", () => {
    const listening = lines
      .map((l) => JSON.parse(l) as { msg?: string })
      .find((l) => l.msg?.startsWith("Server listening"));
    expect(listening?.msg).toMatch(/^Server listening at http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("request ids in a logged path stay readable; a token in a path does not", async () => {
    const reader = await t.createKey(["requests:read"]);
    const id = "req_wDwcTBLVSlgt6puSRD7hrA";
    const token = `cst_${randomBytes(32).toString("base64url")}`;
    const from = lines.length;
    await t.api(reader.key)("GET", `/v1/requests/${id}`);
    await t.api(reader.key)("GET", `/v1/requests/${token}`);
    const urls = lines
      .slice(from)
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((l) => l.msg === "request completed")
      .map((l) => String(l.req.url));
    expect(urls[0]).toBe(`/v1/requests/${id}`);
    expect(urls[1]).toMatch(/^\/v1\/requests\/\[REDACTED/);
    expect(lines.slice(from).join("\n")).not.toContain(token);
  });
});
