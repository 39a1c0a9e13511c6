import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack";
import { baseRequest, startTestServer, type TestServer } from "../support/start-test-server";
import { sleep } from "./recording-server";

const POLICY = fileURLToPath(new URL("../fixtures/reminders-slack.yaml", import.meta.url));

let t: TestServer;
let slack: FakeSlack;
beforeAll(async () => {
  // Alice has a Slack account under her policy email; Bob is unknown to Slack.
  slack = await startFakeSlack({ users: { U0ALICE: { email: "alice@example.com", name: "Alice" } } });
  t = await startTestServer({
    env: {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "test-signing-secret-0123456789abcdef",
      SLACK_API_URL: slack.apiUrl,
      COUNTERSIGN_POLICY: POLICY,
    },
  });
});
afterAll(async () => {
  await t?.close();
  await slack?.close();
});

const cardOf = (id: string) => [...slack.messages.values()].filter((m) => JSON.stringify(m.blocks).includes(id));
const repliesTo = (ts: string) => slack.callsTo("chat.postMessage").filter((c) => c.args.thread_ts === ts);

describe("Slack", () => {
  it("a reminder is a threaded reply under the card that mentions the approvers who have not decided", async () => {
    const requester = await t.createKey(["requests:write"]);
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ action: "remind.run" }));
    const id = created.body.id as string;
    const [card] = await slack.waitFor(() => cardOf(id).length === 1 && cardOf(id));
    expect(JSON.stringify(card!.blocks)).toContain("every 2s");

    const first = await slack.waitFor(() => repliesTo(card!.ts)[0], 10_000);
    expect(first.args.channel).toBe("C0REMIND1");
    expect(first.args.text).toContain("Reminder");
    expect(first.args.text).toContain("<@U0ALICE>");
    expect(first.args.text).toContain("bob@example.com");

    const alice = await t.createKey(["decisions:write"], "alice@example.com");
    await t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    const count = repliesTo(card!.ts).length;
    const next = await slack.waitFor(() => repliesTo(card!.ts)[count], 10_000);
    expect(next.args.text).toContain("bob@example.com");
    expect(next.args.text).not.toContain("<@U0ALICE>");

    const bob = await t.createKey(["decisions:write"], "bob@example.com");
    await t.api(bob.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    await sleep(300);
    const settled = repliesTo(card!.ts).length;
    await sleep(4_500);
    expect(repliesTo(card!.ts)).toHaveLength(settled);
    // Only the card is a top-level message: every reminder went into its thread.
    const topLevel = slack
      .callsTo("chat.postMessage")
      .filter((c) => JSON.stringify(c.args).includes(id) && !c.args.thread_ts);
    expect(topLevel).toHaveLength(1);
  });

  it("an escalation updates the card and posts it in the escalation's channels", async () => {
    const requester = await t.createKey(["requests:write"]);
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ action: "escalate.run" }));
    const id = created.body.id as string;
    const [card] = await slack.waitFor(() => cardOf(id).length === 1 && cardOf(id));
    expect(JSON.stringify(card!.blocks)).toContain("Escalates");

    const cards = await slack.waitFor(() => cardOf(id).length === 2 && cardOf(id), 10_000);
    expect(cards.map((c) => c.channel).sort()).toEqual(["C0REMIND1", "C0REMIND2"]);
    await slack.waitFor(() => cardOf(id).every((c) => JSON.stringify(c.blocks).includes("Escalated")), 10_000);
    const updated = slack.messages.get(`C0REMIND1/${card!.ts}`)!;
    expect(JSON.stringify(updated.blocks)).toContain("to security (in security-slack)");
  });
});
