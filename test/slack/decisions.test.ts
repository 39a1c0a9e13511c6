import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCallbackReceiver } from "../support/callback-receiver";
import { baseRequest } from "../support/start-test-server";
import {
  buttonClick,
  cardsFor,
  everythingSent,
  hasButtons,
  type SlackHarness,
  sendToSlackRoute,
  startSlackHarness,
  viewSubmission,
} from "./slack-harness";

let h: SlackHarness;
let reader: string;
beforeAll(async () => {
  h = await startSlackHarness();
  reader = (await h.t.createKey(["requests:read"])).key;
});
afterAll(() => h?.close());

async function createRequest(overrides: Record<string, unknown> = {}) {
  const requester = await h.t.createKey(["requests:write"]);
  const created = await h.t.api(requester.key)("POST", "/v1/requests", baseRequest(overrides));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const expected = created.body.policy.rule === "prod-export" ? 2 : 1;
  await h.slack.waitFor(() => cardsFor(h.slack, id).length === expected);
  return id;
}

const read = async (id: string) => (await h.t.api(reader)("GET", `/v1/requests/${id}`)).body;

async function click(...args: Parameters<typeof buttonClick>) {
  const response = await sendToSlackRoute(h.t, buttonClick(...args));
  expect(response.status).toBe(200);
  return response;
}

function ephemeralsTo(user: string) {
  return h.slack.callsTo("chat.postEphemeral").filter((c) => c.args.user === user);
}

describe("deciding from Slack", () => {
  it("two approvers approve: the callback carries the token, every copy is updated, a double click changes nothing", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const id = await createRequest({ callback: { url: receiver.url } });

      await click({ actionId: "countersign_approve", requestId: id, userId: "U0ALICE", channelId: "C0DBA0001" });
      await h.slack.waitFor(
        () =>
          cardsFor(h.slack, id).every((m) => JSON.stringify(m.blocks).includes("1 of 2 approvals")) &&
          cardsFor(h.slack, id),
      );
      for (const card of cardsFor(h.slack, id)) {
        expect(JSON.stringify(card.blocks)).toContain("alice@example.com approved via slack");
        expect(hasButtons(card)).toBe(true);
      }

      const before = ephemeralsTo("U0ALICE").length;
      await click({ actionId: "countersign_approve", requestId: id, userId: "U0ALICE", channelId: "C0DBA0001" });
      const refusal = await h.slack.waitFor(() => ephemeralsTo("U0ALICE")[before]);
      expect(refusal.args).toMatchObject({ channel: "C0DBA0001", user: "U0ALICE" });
      expect(refusal.args.text).toContain("You have already decided this request");
      expect((await read(id)).decisions).toHaveLength(1);
      expect((await read(id)).status).toBe("pending");

      await click({ actionId: "countersign_approve", requestId: id, userId: "U0CAROL", channelId: "C0SEC0001" });
      const [callback] = await receiver.waitFor(1);
      expect(callback!.json.type).toBe("request.approved");
      expect(String(callback!.json.data.token)).toMatch(/^cst_/);

      const cards = await h.slack.waitFor(() => {
        const all = cardsFor(h.slack, id);
        return all.length === 2 && all.every((m) => !hasButtons(m)) && all;
      });
      for (const card of cards) {
        const text = JSON.stringify(card.blocks);
        expect(text).toContain("alice@example.com approved via slack");
        expect(text).toContain("carol@example.com approved via slack");
        expect(text).toContain("2 of 2 approvals");
        expect(card.text).toMatch(/^Approved: /);
      }
      const view = await read(id);
      expect(view.status).toBe("approved");
      expect(view.decisions.map((d: any) => [d.approver, d.channel])).toEqual([
        ["alice@example.com", "slack"],
        ["carol@example.com", "slack"],
      ]);
      expect(everythingSent(h.slack)).not.toContain(String(callback!.json.data.token));

      // A late click on a closed request: refused, nothing changes.
      await click({ actionId: "countersign_approve", requestId: id, userId: "U0BOB", channelId: "C0DBA0001" });
      const late = await h.slack.waitFor(() => ephemeralsTo("U0BOB").at(-1));
      expect(late.args.text).toContain("This request is closed (approved)");
      expect((await read(id)).decisions).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it("Deny opens a modal for the reason; a reason the rule requires is enforced; the reason reaches the cards", async () => {
    const id = await createRequest();
    await click({ actionId: "countersign_deny", requestId: id, userId: "U0BOB", channelId: "C0DBA0001" });
    const opened = await h.slack.waitFor(() =>
      h.slack.callsTo("views.open").find((c) => c.args.view.private_metadata.includes(id)),
    );
    expect(opened.args.trigger_id).toMatch(/^trigger-U0BOB/);
    expect(opened.args.view.callback_id).toBe("countersign_deny_modal");
    const input = opened.args.view.blocks.find((b: any) => b.type === "input");
    expect(input.optional).toBe(false);
    const metadata = opened.args.view.private_metadata as string;

    const empty = await sendToSlackRoute(
      h.t,
      viewSubmission({
        userId: "U0BOB",
        callbackId: "countersign_deny_modal",
        privateMetadata: metadata,
        values: { reason: "  " },
      }),
    );
    expect(empty.status).toBe(200);
    expect(JSON.parse(empty.text)).toEqual({
      response_action: "errors",
      errors: { reason: "This rule requires a reason to deny." },
    });

    // Even a submission that claims no reason is needed is held to the rule by the engine.
    const forged = JSON.stringify({ ...JSON.parse(metadata), reason_required: false });
    await sendToSlackRoute(
      h.t,
      viewSubmission({
        userId: "U0BOB",
        callbackId: "countersign_deny_modal",
        privateMetadata: forged,
        values: { reason: null },
      }),
    );
    const refusal = await h.slack.waitFor(() =>
      ephemeralsTo("U0BOB").find((c) => String(c.args.text).includes("requires a reason")),
    );
    expect(refusal.args.channel).toBe("C0DBA0001");
    expect((await read(id)).status).toBe("pending");

    const done = await sendToSlackRoute(
      h.t,
      viewSubmission({
        userId: "U0BOB",
        callbackId: "countersign_deny_modal",
        privateMetadata: metadata,
        values: { reason: "not during the <freeze>" },
      }),
    );
    expect(done.status).toBe(200);
    expect(done.text).toBe("");
    const cards = await h.slack.waitFor(() => {
      const all = cardsFor(h.slack, id);
      return all.length === 2 && all.every((m) => !hasButtons(m)) && all;
    });
    for (const card of cards) {
      const text = JSON.stringify(card.blocks);
      expect(text).toContain("bob@example.com denied via slack");
      expect(text).toContain("not during the &lt;freeze&gt;");
      expect(card.text).toMatch(/^Denied: /);
    }
    const view = await read(id);
    expect(view.status).toBe("denied");
    expect(view.decisions[0]).toMatchObject({
      approver: "bob@example.com",
      verdict: "deny",
      reason: "not during the <freeze>",
    });
  });

  it("an optional reason: the modal's input is optional and an empty reason denies", async () => {
    const id = await createRequest({ environment: "staging" });
    await click({ actionId: "countersign_deny", requestId: id, userId: "U0ALICE", channelId: "C0DBA0001" });
    const opened = await h.slack.waitFor(() =>
      h.slack.callsTo("views.open").find((c) => c.args.view.private_metadata.includes(id)),
    );
    expect(opened.args.view.blocks.find((b: any) => b.type === "input").optional).toBe(true);
    await sendToSlackRoute(
      h.t,
      viewSubmission({
        userId: "U0ALICE",
        callbackId: "countersign_deny_modal",
        privateMetadata: opened.args.view.private_metadata,
        values: { reason: null },
      }),
    );
    await h.slack.waitFor(() => cardsFor(h.slack, id).every((m) => !hasButtons(m)));
    expect((await read(id)).status).toBe("denied");
  });

  it("self-approval, a non-approver and an unknown Slack user get an ephemeral refusal and change nothing", async () => {
    const id = await createRequest({ environment: "staging" });
    const updatesBefore = h.slack.callsTo("chat.update").length;

    await click({ actionId: "countersign_approve", requestId: id, userId: "U0DANA", channelId: "C0DBA0001" });
    const self = await h.slack.waitFor(() => ephemeralsTo("U0DANA").at(-1));
    expect(self.args.text).toContain("you made it, or it was made on your behalf");

    await click({ actionId: "countersign_approve", requestId: id, userId: "U0MALLORY", channelId: "C0DBA0001" });
    const stranger = await h.slack.waitFor(() => ephemeralsTo("U0MALLORY").at(-1));
    expect(stranger.args.text).toContain("You're not an approver for this request");

    await click({ actionId: "countersign_deny", requestId: id, userId: "U0NOBODY", channelId: "C0DBA0001" });
    const opened = await h.slack.waitFor(() =>
      h.slack.callsTo("views.open").find((c) => c.args.view.private_metadata.includes(id)),
    );
    await sendToSlackRoute(
      h.t,
      viewSubmission({
        userId: "U0NOBODY",
        callbackId: "countersign_deny_modal",
        privateMetadata: opened.args.view.private_metadata,
        values: { reason: "no" },
      }),
    );
    const nobody = await h.slack.waitFor(() => ephemeralsTo("U0NOBODY").at(-1));
    expect(nobody.args.text).toContain("You're not an approver for this request");

    const view = await read(id);
    expect(view.status).toBe("pending");
    expect(view.decisions).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.callsTo("chat.update").length).toBe(updatesBefore);
    expect(cardsFor(h.slack, id).every(hasButtons)).toBe(true);
  });

  it("an expired request: the cards say so without buttons, and a late click is refused", async () => {
    const id = await createRequest({ environment: "staging", ttl_seconds: 1 });
    const [card] = await h.slack.waitFor(() => {
      const cards = cardsFor(h.slack, id);
      return cards.length === 1 && !hasButtons(cards[0]!) && cards;
    }, 15_000);
    expect(card!.text).toMatch(/^Expired: /);
    expect(JSON.stringify(card!.blocks)).toContain("expired before enough approvals");

    await click({ actionId: "countersign_approve", requestId: id, userId: "U0ALICE", channelId: "C0DBA0001" });
    const refusal = await h.slack.waitFor(() =>
      ephemeralsTo("U0ALICE").find((c) => String(c.args.text).includes("expired")),
    );
    expect(refusal.args.text).toContain("This request has expired");
    expect((await read(id)).decisions).toEqual([]);
  });
});
