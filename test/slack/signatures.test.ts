import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest } from "../support/start-test-server";
import {
  buttonClick,
  cardsFor,
  SIGNING_SECRET,
  type SlackHarness,
  sendToSlackRoute,
  signature,
  slashCommand,
  startSlackHarness,
} from "./slack-harness";

let h: SlackHarness;
let reader: string;
let id: string;
beforeAll(async () => {
  h = await startSlackHarness();
  reader = (await h.t.createKey(["requests:read"])).key;
  const requester = await h.t.createKey(["requests:write"]);
  const created = await h.t.api(requester.key)("POST", "/v1/requests", baseRequest({ environment: "staging" }));
  id = created.body.id;
  await h.slack.waitFor(() => cardsFor(h.slack, id).length === 1);
});
afterAll(() => h?.close());

const approve = () => buttonClick({ actionId: "countersign_approve", requestId: id, userId: "U0ALICE" });
const now = () => Math.floor(Date.now() / 1000);

describe("only requests Slack signed, recently, get in", () => {
  it.each([
    ["unsigned", { unsigned: true }],
    ["signed with the wrong secret", { secret: "not-the-signing-secret" }],
    ["stale (six minutes old)", { timestamp: now() - 6 * 60 }],
    ["from the future (six minutes ahead)", { timestamp: now() + 6 * 60 }],
  ])("%s: 401, and nothing happens", async (_name, options) => {
    const callsBefore = h.slack.calls.length;
    const click = await sendToSlackRoute(h.t, approve(), options);
    expect(click.status).toBe(401);
    const command = await sendToSlackRoute(
      h.t,
      slashCommand({ userId: "U0DANA", text: "request db.export because x", responseUrl: h.slack.responseUrl() }),
      options,
    );
    expect(command.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.calls.length).toBe(callsBefore);
    const view = (await h.t.api(reader)("GET", `/v1/requests/${id}`)).body;
    expect(view.status).toBe("pending");
    expect(view.decisions).toEqual([]);
  });

  it("a body changed after signing: 401", async () => {
    const timestamp = now();
    const signed = new URLSearchParams(approve().form).toString();
    const forged = signed.replace("U0ALICE", "U0BOB00");
    const response = await fetch(`${h.t.url}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signature(SIGNING_SECRET, timestamp, signed),
      },
      body: forged,
    });
    expect(response.status).toBe(401);
  });

  it("within the five minutes, either way, a signed request is taken (the control for the cases above)", async () => {
    const challenge = await sendToSlackRoute(
      h.t,
      { json: { type: "url_verification", challenge: "abc123", token: "x" } },
      { timestamp: now() + 4 * 60 },
    );
    expect(challenge.status).toBe(200);
    expect(JSON.parse(challenge.text)).toEqual({ challenge: "abc123" });

    const click = await sendToSlackRoute(h.t, approve(), { timestamp: now() - 4 * 60 });
    expect(click.status).toBe(200);
    const deadline = Date.now() + 10_000;
    let status = "pending";
    while (status === "pending" && Date.now() < deadline) {
      status = (await h.t.api(reader)("GET", `/v1/requests/${id}`)).body.status;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe("approved");
  });
});
