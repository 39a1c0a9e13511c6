import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotConnector, startFakeBotConnector } from "../support/fake-bot-connector";
import { baseRequest, startTestServer, type TestServer } from "../support/start-test-server";
import { sleep, until } from "./recording-server";

const TEMPLATE = fileURLToPath(new URL("../fixtures/reminders-teams.yaml", import.meta.url));
const DBA = "19:dba@thread.tacv2";

let t: TestServer;
let connector: FakeBotConnector;
beforeAll(async () => {
  // Anonymous mode (no JWTs): this file is about where reminders go, test/teams covers authentication.
  connector = await startFakeBotConnector("anonymous");
  const policy = join(mkdtempSync(join(tmpdir(), "countersign-reminders-")), "policy.yaml");
  writeFileSync(policy, readFileSync(TEMPLATE, "utf8").replaceAll("{{SERVICE_URL}}", connector.url));
  t = await startTestServer({ env: { COUNTERSIGN_POLICY: policy, TEAMS_ANONYMOUS: "true" } });
  const installed = await fetch(`${t.url}/teams/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "conversationUpdate",
      id: `f:${randomUUID()}`,
      channelId: "msteams",
      serviceUrl: connector.url,
      timestamp: new Date().toISOString(),
      from: { id: "29:alice", aadObjectId: randomUUID(), name: "alice" },
      recipient: { id: "28:countersign", name: "countersign" },
      conversation: { id: DBA, conversationType: "channel", tenantId: "tenant-0001" },
      channelData: { tenant: { id: "tenant-0001" } },
      membersAdded: [{ id: "28:countersign" }],
    }),
  });
  expect(installed.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await connector?.close();
});

describe("Teams", () => {
  it("a reminder is a reply to the card in its conversation, and stops once decided", async () => {
    const requester = await t.createKey(["requests:write"]);
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ action: "remind.run" }));
    const id = created.body.id as string;
    const card = await until(() => connector.cards().find((c) => c.method === "POST" && c.raw.includes(id)));
    expect(card.conversationId).toBe(DBA);
    expect(card.raw).toContain("every 2s");
    const cardId = card.responseId!;

    const replies = () => connector.calls.filter((c) => c.method === "POST" && c.body?.replyToId === cardId);
    const [reply] = await until(() => replies().length > 0 && replies(), 10_000);
    expect(reply!.conversationId).toBe(DBA);
    expect(reply!.activityId).toBe(cardId);
    expect(reply!.body.text).toContain("Reminder");
    expect(reply!.body.text).toContain("alice@example.com");
    expect(reply!.body.attachments ?? []).toHaveLength(0);

    const alice = await t.createKey(["decisions:write"], "alice@example.com");
    await t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    await sleep(300);
    const settled = replies().length;
    await sleep(4_500);
    expect(replies()).toHaveLength(settled);
  });
});
