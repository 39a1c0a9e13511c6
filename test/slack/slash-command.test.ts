import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest } from "../support/start-test-server";
import {
  cardsFor,
  type SlackHarness,
  sendToSlackRoute,
  slashCommand,
  startSlackHarness,
  TEAM,
  viewSubmission,
} from "./slack-harness";

let h: SlackHarness;
let reader: string;
beforeAll(async () => {
  h = await startSlackHarness();
  reader = (await h.t.createKey(["requests:read"])).key;
});
afterAll(() => h?.close());

const read = async (id: string) => (await h.t.api(reader)("GET", `/v1/requests/${id}`)).body;

async function command(userId: string, text: string) {
  const responseUrl = h.slack.responseUrl(`${userId}-${Date.now()}-${Math.random()}`);
  const response = await sendToSlackRoute(h.t, slashCommand({ userId, text, responseUrl }));
  expect(response.status).toBe(200);
  return { response, responseUrl };
}

/** The fake records response_url posts in order; commands here run one at a time. */
async function nextResponse(after: number) {
  return h.slack.waitFor(() => h.slack.calls.filter((c) => c.method === "response_url")[after]);
}
const responsesSoFar = () => h.slack.calls.filter((c) => c.method === "response_url").length;

describe("/countersign", () => {
  it("request: creates a request whose requester is that Slack user, and the outcome reaches them by DM", async () => {
    const seen = responsesSoFar();
    await command(
      "U0DANA",
      "request db.export on postgres://staging/customers in staging for 10m because refresh the  sample on Monday",
    );
    const answer = await nextResponse(seen);
    expect(answer.args.response_type).toBe("ephemeral");
    expect(answer.args.text).toContain("is waiting for 1 approval (rule *staging-export*)");
    const id = /`(req_[^`]+)`/.exec(answer.args.text)![1]!;

    const view = await read(id);
    expect(view).toMatchObject({
      action: "db.export",
      resource: "postgres://staging/customers",
      environment: "staging",
      reason: "refresh the  sample on Monday",
      requester: { type: "human", id: "dana@example.com", display_name: "Dana" },
      status: "pending",
    });
    expect(view.params).toEqual({ duration: "10m", duration_seconds: 600 });
    await h.slack.waitFor(() => cardsFor(h.slack, id).length === 1);

    const alice = await h.t.createKey(["decisions:write"], "alice@example.com");
    expect((await h.t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" })).status).toBe(200);

    const dm = await h.slack.waitFor(() =>
      h.slack
        .callsTo("chat.postMessage")
        .find((c) => c.args.channel === "D0DANA" && JSON.stringify(c.args).includes(id)),
    );
    expect(h.slack.callsTo("conversations.open").some((c) => c.args.users === "U0DANA")).toBe(true);
    expect(dm.args.text).toContain("was approved");
    expect(JSON.stringify(dm.args.blocks)).toContain("alice@example.com approved");
    expect(JSON.stringify(dm.args)).not.toMatch(/cst_/);
    // Told once, even though several jobs touched the request.
    await new Promise((r) => setTimeout(r, 500));
    expect(h.slack.callsTo("chat.postMessage").filter((c) => c.args.channel === "D0DANA")).toHaveLength(1);
  });

  it("request keeps words such as constructor and __proto__ in the resource it asks about", async () => {
    const seen = responsesSoFar();
    await command("U0DANA", "request db.export on postgres://staging/constructor __proto__ in staging because refresh");
    const answer = await nextResponse(seen);
    const id = /`(req_[^`]+)`/.exec(answer.args.text)?.[1];
    expect(id, answer.args.text).toBeDefined();
    expect(await read(id!)).toMatchObject({
      action: "db.export",
      resource: "postgres://staging/constructor __proto__",
      environment: "staging",
      reason: "refresh",
      policy: { rule: "staging-export" },
    });
  });

  it("request with the reason missing opens a prefilled modal; its submission creates the request", async () => {
    const seenOpens = h.slack.callsTo("views.open").length;
    await command("U0DANA", "request deploy.rollback on api-prod");
    const opened = await h.slack.waitFor(() => h.slack.callsTo("views.open")[seenOpens]);
    expect(opened.args.view.callback_id).toBe("countersign_request_modal");
    const initial = Object.fromEntries(
      opened.args.view.blocks.map((b: any) => [b.block_id, b.element.initial_value ?? null]),
    );
    expect(initial).toEqual({
      action: "deploy.rollback",
      resource: "api-prod",
      environment: null,
      duration: null,
      reason: null,
    });

    const incomplete = await sendToSlackRoute(
      h.t,
      viewSubmission({
        userId: "U0DANA",
        callbackId: "countersign_request_modal",
        privateMetadata: opened.args.view.private_metadata,
        values: { action: "deploy.rollback", resource: "api-prod", environment: null, duration: "soon", reason: null },
      }),
    );
    expect(JSON.parse(incomplete.text)).toMatchObject({
      response_action: "errors",
      errors: { reason: expect.any(String), duration: expect.any(String) },
    });

    const seenEphemeral = h.slack.callsTo("chat.postEphemeral").length;
    const submitted = await sendToSlackRoute(
      h.t,
      viewSubmission({
        userId: "U0DANA",
        callbackId: "countersign_request_modal",
        privateMetadata: opened.args.view.private_metadata,
        values: {
          action: "deploy.rollback",
          resource: "api-prod",
          environment: null,
          duration: null,
          reason: "bad release",
        },
      }),
    );
    expect(submitted.text).toBe("");
    const told = await h.slack.waitFor(() => h.slack.callsTo("chat.postEphemeral")[seenEphemeral]);
    expect(told.args).toMatchObject({ channel: "C0GENERAL", user: "U0DANA" });
    const id = /`(req_[^`]+)`/.exec(told.args.text)![1]!;
    expect(await read(id)).toMatchObject({
      action: "deploy.rollback",
      requester: { type: "human", id: "dana@example.com" },
      policy: { rule: "human-access" },
    });
  });

  it("list shows what the user may decide, with buttons; help explains the commands", async () => {
    const requester = await h.t.createKey(["requests:write"]);
    const created = await h.t.api(requester.key)("POST", "/v1/requests", baseRequest({ environment: "staging" }));
    const id = created.body.id as string;

    let seen = responsesSoFar();
    await command("U0BOB", "list");
    const list = await nextResponse(seen);
    expect(list.args.response_type).toBe("ephemeral");
    const buttons = list.args.blocks.flatMap((b: any) => (b.type === "actions" ? b.elements : []));
    expect(buttons.filter((b: any) => b.value === id).map((b: any) => b.action_id)).toEqual([
      "countersign_approve",
      "countersign_deny",
    ]);

    seen = responsesSoFar();
    await command("U0MALLORY", "list");
    expect((await nextResponse(seen)).args.text).toBe("Nothing is waiting for your decision.");

    const help = await command("U0BOB", "help");
    expect(JSON.parse(help.response.text).text).toContain("/countersign request <action>");
  });

  it("App Home lists what the user may decide, and their own requests", async () => {
    const requester = await h.t.createKey(["requests:write"]);
    const created = await h.t.api(requester.key)("POST", "/v1/requests", baseRequest({ environment: "staging" }));
    const id = created.body.id as string;
    const opened = (user: string) =>
      sendToSlackRoute(h.t, {
        json: {
          type: "event_callback",
          team_id: TEAM,
          api_app_id: "A0APP",
          event_id: `Ev${Date.now()}`,
          event_time: Math.floor(Date.now() / 1000),
          event: { type: "app_home_opened", user, channel: "D0HOME", tab: "home", event_ts: "1700000000.1" },
        },
      });

    expect((await opened("U0ALICE")).status).toBe(200);
    const home = await h.slack.waitFor(() =>
      h.slack.callsTo("views.publish").find((c) => c.args.user_id === "U0ALICE"),
    );
    expect(home.args.view.type).toBe("home");
    expect(JSON.stringify(home.args.view.blocks)).toContain(id);

    expect((await opened("U0DANA")).status).toBe(200);
    const own = await h.slack.waitFor(() => h.slack.callsTo("views.publish").find((c) => c.args.user_id === "U0DANA"));
    const text = JSON.stringify(own.args.view.blocks);
    expect(text).toContain("Your recent requests");
    expect(text).toContain("deploy.rollback");
    expect(text).not.toContain("countersign_approve");
  });
});
