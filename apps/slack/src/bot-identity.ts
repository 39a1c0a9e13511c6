import type { WebClient } from "@slack/web-api";

export interface BotIdentity {
  teamId: string;
  botId: string | undefined;
  botUserId: string | undefined;
}

/** `auth.test`, once, on first need (nothing connects at start); a failure is retried next time. */
export function createBotIdentity(web: WebClient): () => Promise<BotIdentity> {
  let pending: Promise<BotIdentity> | undefined;
  return () => {
    pending ??= web.auth
      .test()
      .then((r) => ({ teamId: r.team_id ?? "", botId: r.bot_id, botUserId: r.user_id }))
      .catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
    return pending;
  };
}
