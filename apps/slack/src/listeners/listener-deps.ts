import type { Actor, Engine } from "@countersign/approvals";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import type { SlackUser, UserDirectory } from "../user-directory";

export interface ListenerDeps {
  engine: Engine;
  web: WebClient;
  users: UserDirectory;
  log: Logger;
  publicUrl: string;
}

/** The engine's actor for a Slack user: the email on their profile is who they are to the policy. */
export async function slackActor(
  deps: ListenerDeps,
  userId: string,
  teamId: string,
): Promise<{ actor: Extract<Actor, { type: "slack" }>; user: SlackUser }> {
  const user = await deps.users.lookup(userId);
  return { actor: { type: "slack", userId, teamId, email: user.email }, user };
}
