import type { Engine } from "@countersign/approvals";
import type { Logger } from "pino";
import { CardActionInvoke, CardSubmit, InboundActivity } from "./activity-schema";
import type { InboundTurn, TurnAnswer } from "./bot-framework/bot-framework-adapter";
import { captureConversation } from "./capture-conversation";
import { buildRequestCard } from "./card/build-request-card";
import { handleCardDecision } from "./handle-card-action";
import { parseCommand } from "./parse-command";
import type { IdentityDirectory, TeamsUser } from "./resolve-teams-user";
import { HELP_TEXT, runCommand } from "./run-command";

const CARD = "application/vnd.microsoft.card.adaptive";
const MESSAGE = "application/vnd.microsoft.activity.message";
const ERROR = "application/vnd.microsoft.error";

function invokeAnswer(type: string, value: unknown, statusCode = 200): TurnAnswer {
  return { status: 200, body: { statusCode, type, value } };
}

export interface ActivityDeps {
  engine: Engine;
  identities: IdentityDirectory;
  log: Logger;
}

/** Turns one authenticated activity into at most one engine action and the answer Teams expects. */
export function createActivityHandler(deps: ActivityDeps) {
  const { engine, identities, log } = deps;
  const system = () => engine.ctx({ type: "system", reason: "teams conversation reference" });

  return async function handleActivity(turn: InboundTurn): Promise<TurnAnswer> {
    const parsed = InboundActivity.safeParse(turn.activity);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.map((i) => i.path.join(".")) }, "teams: unreadable activity ignored");
      return turn.activity.type === "invoke"
        ? invokeAnswer(ERROR, { code: "BadRequest", message: "unreadable activity" }, 400)
        : undefined;
    }
    const activity = parsed.data;
    await captureConversation(system(), turn.reference, activity.from.aadObjectId);

    const user = async (): Promise<TeamsUser | null> => {
      const aadObjectId = activity.from.aadObjectId;
      if (!aadObjectId) return null;
      return identities.resolve({ id: activity.from.id, aadObjectId, name: activity.from.name }, (id) =>
        turn.member(id),
      );
    };

    if (activity.type === "invoke" && activity.name === "adaptiveCard/action") {
      const value = CardActionInvoke.safeParse(activity.value);
      if (!value.success) return invokeAnswer(ERROR, { code: "BadRequest", message: "unknown card action" }, 400);
      const who = await user();
      if (!who) return invokeAnswer(MESSAGE, "I could not tell who you are in Teams.");
      const { verb, data } = value.data.action;
      const result = await handleCardDecision(engine, identities, who, {
        verb,
        requestId: data.request_id,
        reason: data.reason,
      });
      return result.card ? invokeAnswer(CARD, result.card) : invokeAnswer(MESSAGE, result.message ?? "");
    }

    if (activity.type === "message") {
      const submit = CardSubmit.safeParse(activity.value);
      if (submit.success) {
        const who = await user();
        if (!who) return undefined;
        const result = await handleCardDecision(engine, identities, who, {
          verb: submit.data.countersign,
          requestId: submit.data.request_id,
          reason: submit.data.reason,
        });
        // The card lives in a shared conversation: it shows everyone's view, and the clicker hears about refusals.
        if (result.view && activity.replyToId) {
          const card = buildRequestCard(result.view, {
            refreshUserIds: await identities.userIdsFor(result.view.approvers),
          });
          await turn.update(activity.replyToId, { card });
        }
        if (result.message) await turn.reply({ text: result.message });
        return undefined;
      }
      if (activity.text !== undefined) {
        const who = await user();
        if (!who) {
          await turn.reply({ text: "I could not tell who you are in Teams." });
          return undefined;
        }
        const reply = await runCommand(engine, who, parseCommand(activity.text), activity.conversation.id);
        await turn.reply({ text: reply });
      }
      return undefined;
    }

    if (activity.type === "conversationUpdate" || activity.type === "installationUpdate") {
      const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient.id) ?? activity.action === "add";
      if (botAdded) {
        log.info(
          { conversation: activity.conversation.id, type: activity.conversation.conversationType },
          "teams: installed in a conversation",
        );
        // Both activities arrive on a personal install; greet once.
        if (activity.type === "conversationUpdate" && activity.conversation.conversationType === "personal") {
          await turn.reply({ text: HELP_TEXT });
        }
      }
    }
    return undefined;
  };
}
