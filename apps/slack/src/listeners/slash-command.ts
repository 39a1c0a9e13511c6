import { listDecidableRequests } from "@countersign/approvals";
import type { App } from "@slack/bolt";
import { REQUEST_MODAL, SLASH_COMMAND } from "../action-ids";
import { parseCommand, type RequestFields } from "../parse-command";
import { refusalMessage } from "../refusal-messages";
import { inputText, RequestModalMetadata, SlashCommandBody, safeJson, teamOf, ViewSubmission } from "../slack-payloads";
import { escapeMrkdwn } from "../views/block-kit-text";
import type { KnownBlock } from "../views/render-card";
import { HELP_TEXT } from "../views/render-help";
import { NO_EMAIL_TEXT } from "../views/render-home";
import { decidableBlocks } from "../views/render-request-list";
import { REQUEST_INPUTS, renderRequestModal } from "../views/render-request-modal";
import { type ListenerDeps, slackActor } from "./listener-deps";
import { missingOrInvalid, submitRequest } from "./submit-request";
import { tellUser } from "./tell-user";

// 1 header + 2 blocks per request stays under a message's 50 blocks.
const LIST_LIMIT = 20;

/** `/countersign request|list|help`, and the request modal it opens when fields are missing. */
export function registerSlashCommand(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ ack, body, respond }) => {
    const parsed = SlashCommandBody.safeParse(body);
    if (!parsed.success) return ack({ response_type: "ephemeral", text: "That command could not be read." });
    const command = parseCommand(parsed.data.text);
    const who = { userId: parsed.data.user_id, teamId: parsed.data.team_id };

    if (command.kind === "help") return ack({ response_type: "ephemeral", text: HELP_TEXT });
    if (command.kind === "unknown") {
      return ack({
        response_type: "ephemeral",
        text: `I don't know \`${escapeMrkdwn(command.word)}\`.\n${HELP_TEXT}`,
      });
    }
    await ack();
    try {
      if (command.kind === "list") {
        await respond({ response_type: "ephemeral", ...(await listMessage(deps, who)) });
        return;
      }
      if (Object.keys(missingOrInvalid(command.fields)).length > 0) {
        await deps.web.views.open({
          trigger_id: parsed.data.trigger_id,
          view: renderRequestModal(command.fields, { channel_id: parsed.data.channel_id }),
        });
        return;
      }
      await respond({ response_type: "ephemeral", text: await submitRequest(deps, who, command.fields) });
    } catch (error) {
      deps.log.error({ err: error }, "slash command failed");
      await respond({ response_type: "ephemeral", text: refusalMessage(error) }).catch(() => {});
    }
  });

  app.view(REQUEST_MODAL, async ({ ack, body }) => {
    const submission = ViewSubmission.safeParse(body);
    if (!submission.success) {
      await ack();
      return deps.log.warn("unreadable request modal submission");
    }
    const fields: RequestFields = {};
    for (const name of REQUEST_INPUTS) {
      const value = inputText(submission.data, name);
      if (value) fields[name] = value;
    }
    const problems = missingOrInvalid(fields);
    if (Object.keys(problems).length > 0) {
      await ack({ response_action: "errors", errors: problems });
      return;
    }
    await ack();
    const metadata = RequestModalMetadata.safeParse(safeJson(submission.data.view.private_metadata));
    const who = { userId: submission.data.user.id, teamId: teamOf(submission.data) };
    const text = await submitRequest(deps, who, fields);
    await tellUser(
      deps,
      { userId: who.userId, channelId: metadata.success ? metadata.data.channel_id : undefined },
      text,
    );
  });
}

async function listMessage(
  deps: ListenerDeps,
  who: { userId: string; teamId: string },
): Promise<{ text: string; blocks?: KnownBlock[] }> {
  const { actor, user } = await slackActor(deps, who.userId, who.teamId);
  if (!user.email) return { text: NO_EMAIL_TEXT };
  const items = await listDecidableRequests(deps.engine.ctx(actor), user.email, LIST_LIMIT);
  if (items.length === 0) return { text: "Nothing is waiting for your decision." };
  const text = `${items.length} request${items.length === 1 ? "" : "s"} waiting for your decision`;
  return {
    text,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `*${text}*` } }, ...items.flatMap(decidableBlocks)],
  };
}
