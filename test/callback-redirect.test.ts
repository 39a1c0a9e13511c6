import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chainAudit, queryRows } from "@countersign/approvals";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

// Through the real server and worker: a receiver that answers with a redirect gets the callback
// once, and nothing follows the redirect, whether it points at the cloud metadata address or at
// another host we can watch. (The dial-time guard itself is unit-tested in packages/approvals.)
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

async function listen(handler: Parameters<typeof createServer>[1]) {
  const hits: string[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handler?.(req, res);
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits, connections: () => connections, close: () => new Promise((r) => server.close(r)) };
}

async function waitForAttempt(requestId: string) {
  for (let i = 0; i < 200; i++) {
    const [row] = await queryRows<{ attempts: number; last_error: string | null; status: string }>(
      t.engine.db,
      sql`select attempts, last_error, status from outbox where request_id = ${requestId} and kind = 'callback.deliver'`,
    );
    if (row?.last_error) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the callback was never attempted");
}

describe("callbacks that answer with a redirect", () => {
  it.each([
    ["the cloud metadata address", () => "http://169.254.169.254/latest/meta-data/iam/security-credentials/"],
    ["a host the test watches", (canary: string) => `${canary}/stolen`],
  ])("a 302 to %s is not followed; the delivery counts as failed and will be retried", async (_, location) => {
    const canary = await listen((_req, res) => res.writeHead(200).end());
    const redirector = await listen((_req, res) => res.writeHead(302, { location: location(canary.url) }).end());
    try {
      const requester = await t.createKey(["requests:write"]);
      const created = await t.api(requester.key)("POST", "/v1/requests", {
        ...baseRequest({ action: "db.query.read" }),
        callback: { url: `${redirector.url}/hook` },
      });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe("approved");

      const attempt = await waitForAttempt(created.body.id);
      expect(attempt.status).toBe("pending"); // not delivered: it stays for a retry
      expect(attempt.last_error).toBe("HTTP 302");
      expect(redirector.hits).toEqual(["POST /hook"]);
      expect(canary.connections()).toBe(0);
      expect(canary.hits).toEqual([]);
      await chainAudit(t.engine.db);
      const audit = await queryRows<{ type: string }>(
        t.engine.db,
        sql`select type from audit_events where request_id = ${created.body.id} and type like 'callback.%'`,
      );
      expect(audit).toEqual([]); // neither delivered nor given up on
    } finally {
      await redirector.close();
      await canary.close();
    }
  });
});
