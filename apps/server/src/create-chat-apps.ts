import type { ChatApp, ChatAppDeps } from "@countersign/approvals";
import { createSlackApp } from "@countersign/slack";
import { createTeamsApp } from "@countersign/teams";
import type { Config } from "./config";

/** The chat platforms this configuration turns on (CONTRACT.md section 1), each with its role. */
export async function createChatApps(
  config: Config,
  deps: ChatAppDeps,
): Promise<{ role: "slack" | "teams"; app: ChatApp }[]> {
  const apps: { role: "slack" | "teams"; app: ChatApp }[] = [];
  if (config.SLACK_BOT_TOKEN && (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN)) {
    const app = await createSlackApp(deps, {
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
    });
    apps.push({ role: "slack", app });
  } else if (config.SLACK_BOT_TOKEN) {
    deps.log.warn("SLACK_BOT_TOKEN is set without SLACK_SIGNING_SECRET or SLACK_APP_TOKEN: Slack channel off");
  }
  if (config.TEAMS_APP_ID || config.TEAMS_ANONYMOUS) {
    const app = await createTeamsApp(deps, {
      appId: config.TEAMS_APP_ID,
      appPassword: config.TEAMS_APP_PASSWORD,
      tenantId: config.TEAMS_TENANT_ID,
      appType: config.TEAMS_APP_TYPE,
      anonymous: config.TEAMS_ANONYMOUS,
      openIdMetadataUrl: config.TEAMS_OPENID_METADATA_URL,
      channelService: config.TEAMS_CHANNEL_SERVICE,
      tokenIssuer: config.TEAMS_TOKEN_ISSUER,
    });
    apps.push({ role: "teams", app });
  }
  return apps;
}
