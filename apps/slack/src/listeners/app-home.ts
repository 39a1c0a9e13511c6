import { listDecidableRequests, listOwnRequests } from "@countersign/approvals";
import type { App } from "@slack/bolt";
import { AppHomeOpened } from "../slack-payloads";
import { renderHome } from "../views/render-home";
import { type ListenerDeps, slackActor } from "./listener-deps";

/** Builds and publishes one user's App Home; failures are logged (the tab keeps its last version). */
export async function publishHome(deps: ListenerDeps, userId: string, teamId: string): Promise<void> {
  try {
    const { actor, user } = await slackActor(deps, userId, teamId);
    const ctx = deps.engine.ctx(actor);
    const [decidable, own] = user.email
      ? await Promise.all([listDecidableRequests(ctx, user.email, 20), listOwnRequests(ctx, user.email, 10)])
      : [[], []];
    await deps.web.views.publish({ user_id: userId, view: renderHome({ email: user.email, decidable, own }) });
  } catch (error) {
    deps.log.warn({ err: error, user_id: userId }, "could not publish App Home");
  }
}

export function registerAppHome(app: App, deps: ListenerDeps): void {
  app.event("app_home_opened", async ({ event, body }) => {
    const opened = AppHomeOpened.safeParse(event);
    if (!opened.success || (opened.data.tab && opened.data.tab !== "home")) return;
    const teamId = typeof body.team_id === "string" ? body.team_id : "";
    await publishHome(deps, opened.data.user, teamId);
  });
}
