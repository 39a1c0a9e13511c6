import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest } from "../support/start-test-server";
import { cardText, SECURITY, startTeamsHarness, type TeamsHarness, until } from "./teams-harness";
import { cardProblems } from "./validate-card";

let h: TeamsHarness;
let requesterKey: string;
beforeAll(async () => {
  h = await startTeamsHarness();
  requesterKey = (await h.t.createKey(["requests:write", "requests:read"])).key;
  await h.install(SECURITY);
});
afterAll(() => h?.close());

async function createRequest(overrides: Record<string, unknown> = {}) {
  const created = await h.t.api(requesterKey)("POST", "/v1/requests", baseRequest(overrides));
  expect(created.status).toBe(201);
  return created.body.id as string;
}

const cardsFor = (id: string) => h.connector.cards().filter((c) => JSON.stringify(c.card).includes(id));
const postedCard = (id: string) => until(() => cardsFor(id).find((c) => c.method === "POST"));
const updates = (id: string) => cardsFor(id).filter((c) => c.method === "PUT");

async function status(id: string) {
  return (await h.t.api(requesterKey)("GET", `/v1/requests/${id}`)).body;
}

describe("the request card in the rule's Teams conversation", () => {
  it("is posted proactively, with the Slack card's content and nothing unmasked", async () => {
    const id = await createRequest();
    const post = await postedCard(id);
    expect(post.conversationId).toBe(SECURITY);
    // A new message in the channel (sendToConversation), not a reply to some activity.
    expect(post.path).toBe(`/v3/conversations/${encodeURIComponent(SECURITY)}/activities`);
    expect(post.headers.authorization).toMatch(/^Bearer fake-bot-token-/);
    const text = cardText(post.card);
    for (const expected of [
      "db.export",
      "postgres://prod/customers",
      "production",
      "nightly export for the analytics warehouse",
      "ETL agent",
      "dana@example.com",
      "0 of 2 approvals",
      "prod-export",
      "OPS-1234",
    ]) {
      expect(text).toContain(expected);
    }
    expect(post.card.version).toBe("1.5");
    expect(post.card.actions.map((a: any) => [a.type, a.verb, a.data])).toEqual([
      ["Action.Execute", "approve", { request_id: id }],
      ["Action.Execute", "deny", { request_id: id }],
    ]);
    expect(post.card.body.some((e: any) => e.type === "Input.Text" && e.id === "reason")).toBe(true);
    // Nothing the requester sent in the clear reaches Teams.
    const everything = h.connector.calls.map((c) => c.raw).join("\n");
    expect(everything).not.toContain("4111 1111 1111 1111");
    expect(everything).not.toContain("jo@example.com");
    expect(cardProblems(post.card)).toEqual([]);
    expect(cardsFor(id).filter((c) => c.method === "POST")).toHaveLength(1);
  });

  it("approve and deny through adaptiveCard/action: the clicker gets the new card and every copy is updated", async () => {
    const id = await createRequest();
    const post = await postedCard(id);

    const approved = await h.invoke(h.users.carol, "approve", id);
    expect(approved.status).toBe(200);
    expect(approved.body.statusCode).toBe(200);
    expect(approved.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(approved.body.value)).toContain("1 of 2 approvals");
    expect(cardText(approved.body.value)).toContain("You approved this request.");
    expect(approved.body.value.actions).toBeUndefined();
    expect(cardProblems(approved.body.value)).toEqual([]);
    const firstUpdate = await until(() => updates(id).find((u) => cardText(u.card).includes("1 of 2 approvals")));
    expect(firstUpdate.activityId).toBe(post.responseId);
    expect(firstUpdate.conversationId).toBe(SECURITY);
    expect(cardText(firstUpdate.card)).toContain("carol@example.com ✅ approved via teams");
    expect(cardProblems(firstUpdate.card)).toEqual([]);

    // The rule needs a reason to deny: refused on the card, nothing changes.
    const noReason = await h.invoke(h.users.alice, "deny", id);
    expect(noReason.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(noReason.body.value)).toContain("needs a reason to deny");
    expect(noReason.body.value.actions).toHaveLength(2);
    expect((await status(id)).status).toBe("pending");

    const denied = await h.invoke(h.users.alice, "deny", id, "not during the freeze");
    expect(denied.body.statusCode).toBe(200);
    expect(cardText(denied.body.value)).toContain("Denied");
    expect(cardText(denied.body.value)).toContain('alice@example.com ⛔ denied via teams: "not during the freeze"');
    const final = await until(() => updates(id).find((u) => cardText(u.card).includes("⛔ Denied")));
    expect(final.card.actions).toBeUndefined();
    expect(final.activityId).toBe(post.responseId);
    // Approvers who have used the bot get their own view refreshed by Teams.
    expect(final.card.refresh?.userIds).toEqual(expect.arrayContaining([h.users.alice.id, h.users.carol.id]));
    expect(cardProblems(final.card)).toEqual([]);
    const body = await status(id);
    expect(body.status).toBe("denied");
    expect(body.decisions.map((d: any) => [d.approver, d.verdict, d.channel])).toEqual([
      ["carol@example.com", "approve", "teams"],
      ["alice@example.com", "deny", "teams"],
    ]);
    // Still exactly one card in the conversation: every change was an update.
    expect(cardsFor(id).filter((c) => c.method === "POST")).toHaveLength(1);
  });

  it("refuses self-approval and non-approvers on the card, changing nothing", async () => {
    const id = await createRequest({
      requester: { type: "agent", id: "etl-agent", display_name: "ETL agent", on_behalf_of: "alice@example.com" },
    });
    await postedCard(id);
    const callsBefore = h.connector.calls.length;

    const self = await h.invoke(h.users.alice, "approve", id);
    expect(self.status).toBe(200);
    expect(cardText(self.body.value)).toContain(
      "You cannot decide a request you made or that was made on your behalf.",
    );
    expect(self.body.value.actions).toBeUndefined();
    expect(cardProblems(self.body.value)).toEqual([]);

    const stranger = await h.invoke(h.users.mallory, "approve", id);
    expect(cardText(stranger.body.value)).toContain("You are not an approver for this request.");
    expect(cardText(stranger.body.value)).toContain("0 of 2 approvals");

    // Teams asking for each person's own view: only a real approver gets the buttons.
    const carolView = await h.invoke(h.users.carol, "refresh", id);
    expect(carolView.body.value.actions).toHaveLength(2);
    const malloryView = await h.invoke(h.users.mallory, "refresh", id);
    expect(malloryView.body.value.actions).toBeUndefined();

    const body = await status(id);
    expect(body.status).toBe("pending");
    expect(body.decisions).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(updates(id)).toHaveLength(0);
    // Only the member lookups for the two clickers reached the connector.
    expect(h.connector.calls.slice(callsBefore).every((c) => c.method === "GET")).toBe(true);
  });

  it("updates the Teams card after decisions made over the API and from Slack", async () => {
    const id = await createRequest();
    await postedCard(id);
    const bob = await h.t.createKey(["decisions:write"], "bob@example.com");
    const decided = await h.t.api(bob.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    expect(decided.status).toBe(200);
    const viaApi = await until(() =>
      updates(id).find((u) => cardText(u.card).includes("bob@example.com ✅ approved via api")),
    );
    expect(cardText(viaApi.card)).toContain("1 of 2 approvals");

    const { decide } = await import("@countersign/approvals");
    const slackCtx = h.t.engine.ctx({ type: "slack", userId: "U0CAROL", teamId: "T0001", email: "carol@example.com" });
    await decide(slackCtx, id, { verdict: "approve" });
    const viaSlack = await until(() => updates(id).find((u) => cardText(u.card).includes("✅ Approved")));
    expect(cardText(viaSlack.card)).toContain("carol@example.com ✅ approved via slack");
    expect(cardText(viaSlack.card)).toContain("2 of 2 approvals");
    expect(viaSlack.card.actions).toBeUndefined();
    expect(cardProblems(viaSlack.card)).toEqual([]);
  });

  it("a 429 from the connector: the card is posted once, after the Retry-After", async () => {
    h.connector.failNext(1, 429, { "retry-after": "2" });
    const started = Date.now();
    const id = await createRequest({ reason: "throttled export" });
    const post = await postedCard(id);
    const throttled = h.connector.calls.find((c) => c.status === 429 && c.raw.includes(id));
    expect(throttled).toBeDefined();
    // The queue's own retry would come back after 1 s; Retry-After said 2.
    expect(post.at - throttled!.at).toBeGreaterThanOrEqual(2000);
    expect(post.at - started).toBeGreaterThanOrEqual(2000);
    await new Promise((r) => setTimeout(r, 500));
    expect(cardsFor(id).filter((c) => c.method === "POST")).toHaveLength(1);
  });

  it("the Action.Submit fallback (clients without Universal Actions) decides too and updates that card", async () => {
    const id = await createRequest();
    const post = await postedCard(id);
    const response = await h.post(
      h.activity(
        h.users.bob,
        { id: SECURITY, conversationType: "channel" },
        {
          type: "message",
          replyToId: post.responseId,
          value: { countersign: "approve", request_id: id, reason: "looks fine" },
        },
      ),
    );
    expect(response.status).toBe(200);
    const updated = await until(() =>
      updates(id).find(
        (u) => u.activityId === post.responseId && cardText(u.card).includes("bob@example.com ✅ approved"),
      ),
    );
    expect(cardText(updated.card)).toContain('bob@example.com ✅ approved via teams: "looks fine"');
    // The channel's copy is everyone's view, not the clicker's.
    expect(cardText(updated.card)).not.toContain("You approved");
    expect(cardProblems(updated.card)).toEqual([]);
    expect((await status(id)).approvals).toBe(1);
  });
});
