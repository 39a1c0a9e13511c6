import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type FakeBotConnector, startFakeBotConnector } from "../support/fake-bot-connector";
import { type FakeTeamsIssuer, startFakeTeamsIssuer, type TokenOptions } from "../support/fake-teams-issuer";
import { startTestServer, type TestServer } from "../support/start-test-server";

const TEMPLATE = fileURLToPath(new URL("../fixtures/teams-policy.yaml", import.meta.url));
export const SECURITY = "19:security@thread.tacv2";
export const DBA = "19:dba@thread.tacv2";
export const TENANT = "tenant-0001";

export interface TeamsUserFixture {
  id: string;
  aadObjectId: string;
  name: string;
  email: string;
}

function user(name: string): TeamsUserFixture {
  return { id: `29:${name}-${randomUUID()}`, aadObjectId: randomUUID(), name, email: `${name}@example.com` };
}

export interface TeamsHarness {
  t: TestServer;
  connector: FakeBotConnector;
  issuer: FakeTeamsIssuer;
  appId: string;
  users: Record<"alice" | "bob" | "carol" | "dana" | "mallory", TeamsUserFixture>;
  /** POSTs one activity to /teams/messages, signed like the channel would (or as told). */
  post(activity: Record<string, unknown>, token?: Partial<TokenOptions> | null): Promise<{ status: number; body: any }>;
  activity(
    from: TeamsUserFixture,
    conversation: { id: string; conversationType: string },
    fields: Record<string, unknown>,
  ): Record<string, unknown>;
  install(conversationId: string, conversationType?: string): Promise<void>;
  invoke(
    from: TeamsUserFixture,
    verb: string,
    requestId: string,
    reason?: string,
    conversationId?: string,
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function until<T>(probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The real server with the Teams channel on, a fake Bot Connector and a fake OpenID issuer on loopback. */
export async function startTeamsHarness(
  options: { logLines?: string[]; anonymous?: boolean } = {},
): Promise<TeamsHarness> {
  const appId = `app-${randomUUID()}`;
  const password = `pw-${randomUUID()}`;
  const connector = await startFakeBotConnector(options.anonymous ? "anonymous" : { appId, password });
  const issuer = await startFakeTeamsIssuer();
  const dir = mkdtempSync(join(tmpdir(), "countersign-teams-"));
  const policy = join(dir, "policy.yaml");
  writeFileSync(policy, readFileSync(TEMPLATE, "utf8").replaceAll("{{SERVICE_URL}}", connector.url));
  const t = await startTestServer({
    logLines: options.logLines,
    env: options.anonymous
      ? { COUNTERSIGN_POLICY: policy, TEAMS_ANONYMOUS: "true" }
      : {
          COUNTERSIGN_POLICY: policy,
          TEAMS_APP_ID: appId,
          TEAMS_APP_PASSWORD: password,
          TEAMS_OPENID_METADATA_URL: issuer.metadataUrl,
          TEAMS_TOKEN_ISSUER: issuer.issuer,
          TEAMS_CHANNEL_SERVICE: connector.loginUrl,
        },
  });
  const users = {
    alice: user("alice"),
    bob: user("bob"),
    carol: user("carol"),
    dana: user("dana"),
    mallory: user("mallory"),
  };
  for (const u of Object.values(users)) {
    connector.addMember({
      id: u.id,
      aadObjectId: u.aadObjectId,
      name: u.name,
      email: u.email,
      userPrincipalName: u.email,
    });
  }
  const bot = { id: `28:${appId}`, name: "countersign" };

  const harness: TeamsHarness = {
    t,
    connector,
    issuer,
    appId,
    users,
    async post(activity, token = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (token !== null) {
        headers.authorization = `Bearer ${await issuer.token({ audience: appId, serviceUrl: connector.url, ...token })}`;
      }
      const response = await fetch(`${t.url}/teams/messages`, {
        method: "POST",
        headers,
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    activity(from, conversation, fields) {
      return {
        id: `f:${randomUUID()}`,
        channelId: "msteams",
        serviceUrl: connector.url,
        timestamp: new Date().toISOString(),
        from: { id: from.id, aadObjectId: from.aadObjectId, name: from.name },
        recipient: bot,
        conversation: { ...conversation, tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
        ...fields,
      };
    },
    async install(conversationId, conversationType = "channel") {
      const response = await harness.post(
        harness.activity(
          users.alice,
          { id: conversationId, conversationType },
          {
            type: "conversationUpdate",
            membersAdded: [bot],
          },
        ),
      );
      if (response.status !== 200) throw new Error(`install answered ${response.status}`);
    },
    invoke(from, verb, requestId, reason, conversationId = SECURITY) {
      return harness.post(
        harness.activity(
          from,
          { id: conversationId, conversationType: "channel" },
          {
            type: "invoke",
            name: "adaptiveCard/action",
            value: {
              action: { type: "Action.Execute", verb, data: { request_id: requestId, ...(reason ? { reason } : {}) } },
              trigger: "manual",
            },
          },
        ),
      );
    },
    async close() {
      await t.close();
      await connector.close();
      await issuer.close();
    },
  };
  return harness;
}

/** Every text in a card, joined: what a reader would see. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if ((key === "text" || key === "value" || key === "title") && typeof value === "string") texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join("\n");
}
