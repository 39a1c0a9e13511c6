import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type FakeSlack, type FakeSlackUser, startFakeSlack } from "../support/fake-slack";
import { startTestServer, type TestServer } from "../support/start-test-server";

export const SLACK_POLICY = fileURLToPath(new URL("../fixtures/slack-policy.yaml", import.meta.url));
export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
export const TEAM = "T0FAKE001";

/** Slack users of the tests: approvers, a requester, someone the policy does not name. */
export const USERS: Record<string, FakeSlackUser> = {
  U0ALICE: { email: "alice@example.com", name: "Alice" },
  U0BOB: { email: "bob@example.com", name: "Bob" },
  U0CAROL: { email: "Carol@Example.com", name: "Carol" },
  U0DANA: { email: "dana@example.com", name: "Dana" },
  U0MALLORY: { email: "mallory@example.com", name: "Mallory" },
};

export interface SlackHarness {
  t: TestServer;
  slack: FakeSlack;
  close(): Promise<void>;
}

/** The real server with the Slack channel on, talking to a fake Slack Web API on loopback. */
export async function startSlackHarness(): Promise<SlackHarness> {
  const slack = await startFakeSlack({ users: USERS });
  const t = await startTestServer({
    env: {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      COUNTERSIGN_POLICY: SLACK_POLICY,
    },
  });
  return {
    t,
    slack,
    close: async () => {
      await t.close();
      await slack.close();
    },
  };
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  secret?: string;
  unsigned?: boolean;
}

/** A request into /slack/events, signed like Slack signs it (unless told otherwise). */
export async function sendToSlackRoute(
  t: TestServer,
  body: { json: unknown } | { form: Record<string, string> },
  options: SendOptions = {},
): Promise<{ status: number; text: string }> {
  const raw = "json" in body ? JSON.stringify(body.json) : new URLSearchParams(body.form).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "json" in body ? "application/json" : "application/x-www-form-urlencoded",
  };
  if (!options.unsigned) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = signature(options.secret ?? SIGNING_SECRET, timestamp, raw);
  }
  const response = await fetch(`${t.url}/slack/events`, { method: "POST", headers, body: raw });
  return { status: response.status, text: await response.text() };
}

/** An interactivity payload: Slack form-encodes it as `payload=<json>`. */
export function interaction(payload: Record<string, unknown>) {
  return { form: { payload: JSON.stringify(payload) } };
}

export function buttonClick(input: {
  actionId: "countersign_approve" | "countersign_deny";
  requestId: string;
  userId: string;
  channelId?: string;
  home?: boolean;
}) {
  return interaction({
    type: "block_actions",
    user: { id: input.userId, team_id: TEAM },
    team: { id: TEAM },
    api_app_id: "A0APP",
    trigger_id: `trigger-${input.userId}-${Date.now()}`,
    ...(input.home
      ? { view: { type: "home", id: "V0HOME" }, container: { type: "view", view_id: "V0HOME" } }
      : {
          channel: { id: input.channelId ?? "C0DBA0001" },
          container: { type: "message", channel_id: input.channelId ?? "C0DBA0001", message_ts: "1700000000.000001" },
          message: { ts: "1700000000.000001" },
          response_url: "http://127.0.0.1:9/never-used",
        }),
    actions: [{ type: "button", action_id: input.actionId, block_id: "countersign_decision", value: input.requestId }],
  });
}

export function viewSubmission(input: {
  userId: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, string | null>;
}) {
  const values: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const [block, value] of Object.entries(input.values)) {
    values[block] = { [block]: { type: "plain_text_input", value } };
  }
  return interaction({
    type: "view_submission",
    user: { id: input.userId, team_id: TEAM },
    team: { id: TEAM },
    api_app_id: "A0APP",
    trigger_id: "trigger-view",
    view: {
      id: "V0MODAL",
      type: "modal",
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      state: { values },
    },
  });
}

export function slashCommand(input: { userId: string; text: string; responseUrl: string; channelId?: string }) {
  return {
    form: {
      token: "deprecated-verification-token",
      team_id: TEAM,
      team_domain: "fake",
      channel_id: input.channelId ?? "C0GENERAL",
      channel_name: "general",
      user_id: input.userId,
      user_name: input.userId.toLowerCase(),
      command: "/countersign",
      text: input.text,
      api_app_id: "A0APP",
      response_url: input.responseUrl,
      trigger_id: `trigger-cmd-${Date.now()}`,
    },
  };
}

/** Every string the fake Slack received, for "never shown in chat" assertions. */
export function everythingSent(slack: FakeSlack): string {
  return JSON.stringify(slack.calls);
}

/** The card messages for one request, by channel (the fake keeps the latest version of each). */
export function cardsFor(slack: FakeSlack, requestId: string) {
  return [...slack.messages.values()].filter((m) => JSON.stringify(m.blocks).includes(requestId));
}

export function hasButtons(message: { blocks?: unknown }): boolean {
  return JSON.stringify(message.blocks).includes("countersign_approve");
}
