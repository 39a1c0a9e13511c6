import type { ChatApp, ChatAppDeps } from "@countersign/approvals";
import { createBotFramework } from "./bot-framework/bot-framework-adapter";
import { createActivityHandler } from "./handle-activity";
import { createIdentityDirectory } from "./resolve-teams-user";
import { createSendLimiter } from "./send-limiter";
import type { TeamsConfig } from "./teams-config";
import { teamsKeys } from "./teams-keys";
import { createTeamsNotifier } from "./teams-notifier";
import { teamsRoutes } from "./teams-routes";

export type { TeamsConfig } from "./teams-config";

/** The Teams channel: Adaptive Cards with Action.Execute, proactive cards, bot commands (CONTRACT.md section 7). */
export async function createTeamsApp(deps: ChatAppDeps, config: TeamsConfig): Promise<ChatApp> {
  const log = deps.log.child({ channel: "teams" });
  if (!config.anonymous && !config.appId)
    throw new Error("the Teams channel needs TEAMS_APP_ID (or TEAMS_ANONYMOUS=true)");
  if (config.anonymous)
    log.warn("TEAMS_ANONYMOUS=true: inbound Teams activities are NOT authenticated (local use only)");
  const bot = createBotFramework(config);
  const keys = teamsKeys(config.anonymous ? undefined : config.appId);
  const identities = createIdentityDirectory(deps.redis, keys, log);
  const notifier = createTeamsNotifier({
    bot,
    redis: deps.redis,
    keys,
    limiter: createSendLimiter(deps.redis),
    identities,
  });
  const onTurn = createActivityHandler({ engine: deps.engine, identities, log });
  return {
    notifier,
    registerRoutes: async (http) => {
      await http.register(teamsRoutes(bot, log, onTurn));
    },
    start: async () => {},
    close: async () => {},
  };
}
