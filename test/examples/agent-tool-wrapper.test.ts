import { type CountersignClient, createClient } from "@countersign/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApprovalNotGrantedError, guardedTool } from "../../examples/agent-tool-wrapper/guarded-tool";
import { startTestServer, type TestServer } from "../support/start-test-server";
import { decideWhenPending } from "./decide-when-pending";

let t: TestServer;
let client: CountersignClient;
let alice: { key: string };
let auditor: { key: string };
beforeAll(async () => {
  t = await startTestServer();
  const agent = await t.createKey(["requests:write", "tokens:redeem"]);
  alice = await t.createKey(["decisions:write"], "alice@example.com");
  auditor = await t.createKey(["audit:read"]);
  client = createClient({ baseUrl: t.url, apiKey: agent.key });
});
afterAll(() => t?.close());

type ExportArgs = { table: string; columns: string[]; destination: string; options?: Record<string, unknown> };

function exporter() {
  const calls: ExportArgs[] = [];
  const tool = async (args: ExportArgs) => {
    calls.push(args);
    return { rows: 42 };
  };
  return { calls, tool };
}

const requester = { type: "agent" as const, id: "etl-agent", onBehalfOf: "dana@example.com" };

async function auditTypes(requestId: string): Promise<string[]> {
  const page = await t.api(auditor.key)("GET", "/v1/audit?limit=1000");
  return page.body.items.filter((e: { request_id: string }) => e.request_id === requestId).map((e: any) => e.type);
}

describe("guardedTool (examples/agent-tool-wrapper)", () => {
  it("runs the tool only after approval, with the approved arguments, and spends the token", async () => {
    const { calls, tool } = exporter();
    const guarded = guardedTool(tool, { client, action: "db.export.approved", requester, environment: "staging" });
    // Numbers, unicode keys and nesting exercise the client's canonical JSON against the server's.
    const args: ExportArgs = {
      table: "customers",
      columns: ["id", "email"],
      destination: "s3://exports/cust.csv",
      options: { ö: "é", limit: 1e21, ratio: 0.1, nested: { b: [true, null], a: 1e-7 } },
    };
    const running = guarded(args);
    args.table = "payroll"; // the agent changes its mind while a human decides: the approved call still runs
    const id = await decideWhenPending(t, alice.key, "db.export.approved", "approve");
    await expect(running).resolves.toEqual({ rows: 42 });
    expect(calls).toEqual([{ ...args, table: "customers" }]);
    expect(await auditTypes(id)).toEqual(expect.arrayContaining(["decision.recorded", "token.redeemed"]));
  });

  it("does not run the tool when denied: throws, or answers with onRejected", async () => {
    const { calls, tool } = exporter();
    const guarded = guardedTool(tool, { client, action: "db.export.denied", requester });
    const args = { table: "t", columns: [], destination: "s3://x" };
    const thrown = guarded(args).catch((e: unknown) => e);
    await decideWhenPending(t, alice.key, "db.export.denied", "deny", "not now");
    const error = await thrown;
    expect(error).toBeInstanceOf(ApprovalNotGrantedError);
    expect((error as ApprovalNotGrantedError).outcome.status).toBe("denied");
    expect((error as ApprovalNotGrantedError).outcome.request.decisions[0]).toMatchObject({ reason: "not now" });

    const polite = guardedTool(tool, {
      client,
      action: "db.export.denied",
      requester,
      timeoutMs: 1500,
      onRejected: async (outcome) => ({ rows: -1, status: outcome.status }),
    });
    await expect(polite({ ...args, table: "u" })).resolves.toEqual({ rows: -1, status: "timeout" });
    expect(calls).toEqual([]);
  });

  it("runs at once when the policy auto-approves, still redeeming the token", async () => {
    const { calls, tool } = exporter();
    const guarded = guardedTool(tool, { client, action: "db.query.customers", requester });
    await expect(guarded({ table: "customers", columns: ["id"], destination: "stdout" })).resolves.toEqual({
      rows: 42,
    });
    expect(calls).toHaveLength(1);
    const list = await client.listRequests({ limit: 1 });
    expect(list.items[0]).toMatchObject({ action: "db.query.customers", status: "approved" });
    expect(await auditTypes(list.items[0]!.id)).toContain("token.redeemed");
  });
});
