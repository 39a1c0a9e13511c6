import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli";
import { DBA, startTeamsHarness, type TeamsHarness, until } from "./teams-harness";

let h: TeamsHarness;
const logLines: string[] = [];
let readerKey: string;
beforeAll(async () => {
  h = await startTeamsHarness({ logLines });
  readerKey = (await h.t.createKey(["requests:read"])).key;
  await h.install(DBA);
});
afterAll(() => h?.close());

const personal = (userId: string) => ({ id: `a:personal-${userId}`, conversationType: "personal" });
const repliesIn = (conversationId: string) =>
  h.connector.calls.filter(
    (c) => c.method === "POST" && c.conversationId === conversationId && c.status < 300 && c.body?.text,
  );

describe("bot commands", () => {
  it("`request` in a personal chat creates a request whose requester is that Teams user, who hears the outcome", async () => {
    const dana = h.users.dana;
    const chat = personal(dana.id);
    const response = await h.post(
      h.activity(dana, chat, {
        type: "message",
        text: "request access.grant on postgres://prod/orders for 2h because investigating INC-42",
      }),
    );
    expect(response.status).toBe(200);
    const reply = await until(() => repliesIn(chat.id)[0]);
    const id = /req_[A-Za-z0-9_-]+/.exec(reply.body.text)?.[0];
    expect(id).toBeDefined();
    expect(reply.body.text).toContain("waiting for 1 approval(s) from alice@example.com, bob@example.com");

    const request = await h.t.api(readerKey)("GET", `/v1/requests/${id}`);
    expect(request.body.requester).toMatchObject({ type: "human", id: "dana@example.com", display_name: "dana" });
    expect(request.body.action).toBe("access.grant");
    expect(request.body.resource).toBe("postgres://prod/orders");
    expect(request.body.reason).toBe("investigating INC-42");
    expect(request.body.params).toMatchObject({ duration: "2h", duration_seconds: 7200 });
    // The fallback rule names the DBA channel: the card goes there.
    await until(() => h.connector.cards().find((c) => c.conversationId === DBA && c.raw.includes(id!)));

    const approved = await h.invoke(h.users.bob, "approve", id!, undefined, DBA);
    expect(approved.body.statusCode).toBe(200);
    const outcome = await until(() => repliesIn(chat.id).find((c) => c.body.text.includes("approved")));
    expect(outcome.body.text).toContain(`Your request ${id}`);
    expect(outcome.body.text).toContain("bob@example.com approved");
    expect(outcome.body.text).not.toMatch(/cst_/);
  });

  it("`list` by @mention in a channel shows what the user may approve", async () => {
    const dana = h.users.dana;
    await h.post(h.activity(dana, personal(dana.id), { type: "message", text: "request access.read on s3://logs" }));
    const pending = await until(() => repliesIn(personal(dana.id).id).find((c) => c.body.text.includes("access.read")));
    const id = /req_[A-Za-z0-9_-]+/.exec(pending.body.text)![0];

    const before = repliesIn(DBA).length;
    const response = await h.post(
      h.activity(
        h.users.alice,
        { id: DBA, conversationType: "channel" },
        {
          type: "message",
          text: "<at>countersign</at> list",
          entities: [
            { type: "mention", text: "<at>countersign</at>", mentioned: { id: `28:${h.appId}`, name: "countersign" } },
          ],
        },
      ),
    );
    expect(response.status).toBe(200);
    const reply = await until(() => repliesIn(DBA)[before]);
    expect(reply.body.text).toContain("Waiting for your decision");
    expect(reply.body.text).toContain(id);
  });

  it("`help` and unknown words answer with the commands", async () => {
    const mallory = h.users.mallory;
    const chat = personal(mallory.id);
    await h.post(h.activity(mallory, chat, { type: "message", text: "frobnicate" }));
    const reply = await until(() => repliesIn(chat.id)[0]);
    expect(reply.body.text).toContain('I don\'t know "frobnicate"');
    expect(reply.body.text).toContain("request <action> [on <resource>] [for <duration>] [because <reason>]");
  });

  it("a rule naming a conversation the bot was never installed in is reported in the logs", async () => {
    const key = await h.t.createKey(["requests:write"]);
    const created = await h.t.api(key.key)("POST", "/v1/requests", {
      action: "orphan.run",
      requester: { type: "pipeline", id: "ci" },
    });
    expect(created.status).toBe(201);
    const line = await until(() =>
      logLines.find((l) => l.includes(created.body.id) && l.includes("never been installed")),
    );
    expect(JSON.parse(line)).toMatchObject({ channel: "never-installed", conversation: "19:nobody@thread.tacv2" });
    expect(h.connector.calls.some((c) => c.conversationId === "19:nobody@thread.tacv2")).toBe(false);
  });

  it("`countersign channels check` lists each policy channel and whether the bot can post there", async () => {
    const result = await runCli(["channels", "check", "--json"], { ...h.t.env, LOG_LEVEL: "silent" });
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout);
    expect(body.ok).toBe(false);
    expect(body.channels.map((c: any) => [c.name, c.platform, c.reachable])).toEqual([
      ["security-teams", "teams", false],
      ["dba-teams", "teams", true],
      ["never-installed", "teams", false],
    ]);
    expect(result.stderr).toContain("2 Teams channel(s) cannot be posted to");
  });
});
