import type { ChatApp, ChatAppDeps } from "@countersign/approvals";
import { App } from "@slack/bolt";
import { createBotIdentity } from "./bot-identity";
import { createWebClient, webClientOptions } from "./create-web-client";
import { FastifyReceiver } from "./http/fastify-receiver";
import { registerAppHome } from "./listeners/app-home";
import { registerDecisionActions } from "./listeners/decision-actions";
import type { ListenerDeps } from "./listeners/listener-deps";
import { registerSlashCommand } from "./listeners/slash-command";
import { createSlackNotifier } from "./notify/create-slack-notifier";
import { slackLogger } from "./slack-logger";
import { createUserDirectory } from "./user-directory";

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  /** Socket Mode instead of HTTP when set. */
  appToken?: string;
  /** Base URL of the Slack Web API (tests point it at a fake on loopback). */
  apiUrl?: string;
  /** How long a Slack user's profile email is trusted before users.info is asked again. */
  userCacheTtlMs?: number;
}

/** The Slack channel: cards, buttons, slash command, App Home (CONTRACT.md section 7). */
export async function createSlackApp(deps: ChatAppDeps, config: SlackConfig): Promise<ChatApp> {
  const log = deps.log.child({ component: "slack" });
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !config.signingSecret) {
    throw new Error("SLACK_SIGNING_SECRET is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)");
  }
  const web = createWebClient(config.botToken, config.apiUrl, log);
  const identity = createBotIdentity(web);
  const receiver = socketMode ? undefined : new FastifyReceiver({ signingSecret: config.signingSecret ?? "", log });

  const app = new App({
    // One workspace, one bot token; auth.test runs on the first event, not at start.
    authorize: async () => {
      const bot = await identity();
      return { botToken: config.botToken, botId: bot.botId, botUserId: bot.botUserId, teamId: bot.teamId };
    },
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.appToken }),
    clientOptions: webClientOptions(config.apiUrl, log),
    logger: slackLogger(log),
    convoStore: false,
  });
  app.error(async (error) => {
    log.error({ err: error }, "Slack listener error");
  });

  const listenerDeps: ListenerDeps = {
    engine: deps.engine,
    web,
    users: createUserDirectory(web, log, config.userCacheTtlMs),
    log,
    publicUrl: deps.publicUrl,
  };
  registerDecisionActions(app, listenerDeps);
  registerSlashCommand(app, listenerDeps);
  registerAppHome(app, listenerDeps);

  let started = false;
  return {
    notifier: createSlackNotifier({ web, redis: deps.redis, log, publicUrl: deps.publicUrl, identity }),
    registerRoutes: async (http) => {
      if (receiver) await http.register(receiver.routes);
    },
    start: async () => {
      if (!socketMode) return;
      await app.start();
      started = true;
      log.info("Slack connected over Socket Mode");
    },
    close: async () => {
      if (started) await app.stop();
      started = false;
    },
  };
}
