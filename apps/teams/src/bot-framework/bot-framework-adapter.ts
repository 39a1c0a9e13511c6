// The one module that knows botbuilder (in maintenance): moving to the Teams SDK replaces this folder only.
import {
  type Activity,
  ActivityTypes,
  CloudAdapter,
  type ConversationReference,
  type InvokeResponse,
  TeamsInfo,
  TurnContext,
} from "botbuilder";
import { AuthenticationError, type ConnectorClient } from "botframework-connector";
import type { ConversationRef, OutgoingMessage, TeamsMember } from "../conversation-reference";
import type { TeamsConfig } from "../teams-config";
import { createBotAuthentication } from "./bot-framework-auth";

export { ConnectorError } from "../connector-error";

/** One authenticated inbound activity, as our handlers see it (plain JSON, no botbuilder types). */
export interface InboundTurn {
  activity: Record<string, unknown>;
  reference: ConversationRef;
  reply(message: OutgoingMessage): Promise<string | undefined>;
  update(activityId: string, message: OutgoingMessage): Promise<void>;
  member(userId: string): Promise<TeamsMember>;
}

/** What a turn answers on the HTTP response (invokes); nothing for plain messages. */
export type TurnAnswer = { status: number; body?: unknown } | undefined;

export class NotAuthenticatedError extends Error {}

export interface BotFramework {
  /** Authenticates one POST to /teams/messages and runs it; throws NotAuthenticatedError for a 401. */
  handle(
    authorization: string,
    activity: Record<string, unknown>,
    onTurn: (turn: InboundTurn) => Promise<TurnAnswer>,
  ): Promise<TurnAnswer>;
  send(reference: ConversationRef, message: OutgoingMessage): Promise<string>;
  /** A reply to an activity already in the conversation (a thread under a card in a channel). */
  reply(reference: ConversationRef, replyToId: string, message: OutgoingMessage): Promise<string>;
  update(reference: ConversationRef, activityId: string, message: OutgoingMessage): Promise<void>;
  member(reference: ConversationRef, userId: string): Promise<TeamsMember>;
}

function toActivity(message: OutgoingMessage): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    ...(message.text ? { text: message.text, textFormat: "markdown" } : {}),
    ...(message.card
      ? { attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: message.card }] }
      : {}),
  };
}

function toMember(account: Record<string, unknown>): TeamsMember {
  const text = (key: string) => (typeof account[key] === "string" ? (account[key] as string) : undefined);
  return {
    id: text("id") ?? "",
    aadObjectId: text("aadObjectId"),
    email: text("email"),
    userPrincipalName: text("userPrincipalName"),
    name: text("name"),
  };
}

function turnOf(context: TurnContext): InboundTurn {
  return {
    activity: context.activity as unknown as Record<string, unknown>,
    reference: TurnContext.getConversationReference(context.activity) as unknown as ConversationRef,
    reply: async (message) => (await context.sendActivity(toActivity(message)))?.id,
    update: async (activityId, message) => {
      await context.updateActivity({ ...toActivity(message), id: activityId });
    },
    member: async (userId) =>
      toMember((await TeamsInfo.getMember(context, userId)) as unknown as Record<string, unknown>),
  };
}

class CountersignCloudAdapter extends CloudAdapter {
  /**
   * CloudAdapter.process answers every failure itself (and prints it with console.error); we authenticate
   * with the same BotFrameworkAuthentication first so any bad token is a 401 we log our way, then let
   * the adapter run the turn and collect the invoke response exactly as process() would.
   */
  async run(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    const authenticated = await this.botFrameworkAuthentication
      .authenticateRequest(activity, authorization)
      .catch((error: unknown) => {
        throw new NotAuthenticatedError(error instanceof AuthenticationError ? error.message : "invalid token");
      });
    return (await this.processActivity(authenticated, activity, logic)) as InvokeResponse | undefined;
  }
}

export function createBotFramework(config: TeamsConfig): BotFramework {
  const adapter = new CountersignCloudAdapter(createBotAuthentication(config));
  const botAppId = config.anonymous ? "" : (config.appId ?? "");
  const proactive = async <T>(reference: ConversationRef, work: (context: TurnContext) => Promise<T>): Promise<T> => {
    let result: T | undefined;
    await adapter.continueConversationAsync(
      botAppId,
      reference as unknown as Partial<ConversationReference>,
      async (context) => {
        result = await work(context);
      },
    );
    return result as T;
  };

  return {
    async handle(authorization, body, onTurn) {
      const activity = { ...body } as unknown as Activity;
      if (typeof body.timestamp === "string") activity.timestamp = new Date(body.timestamp);
      let answer: TurnAnswer;
      const invoke = await adapter.run(authorization, activity, async (context) => {
        answer = await onTurn(turnOf(context));
        if (answer && activity.type === ActivityTypes.Invoke) {
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: answer });
        }
      });
      return invoke ? { status: invoke.status, body: invoke.body } : undefined;
    },
    // A new top-level message: TurnContext.sendActivity would make it a reply to the continuation activity's made-up id.
    send: (reference, message) =>
      proactive(reference, async (context) => {
        const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        const activity = TurnContext.applyConversationReference(
          toActivity(message),
          reference as unknown as Partial<ConversationReference>,
        );
        delete activity.replyToId;
        const sent = await client.conversations.sendToConversation(reference.conversation.id, activity as Activity);
        return sent.id ?? "";
      }),
    reply: (reference, replyToId, message) =>
      proactive(reference, async (context) => {
        const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        const activity = TurnContext.applyConversationReference(
          toActivity(message),
          reference as unknown as Partial<ConversationReference>,
        );
        activity.replyToId = replyToId;
        const sent = await client.conversations.replyToActivity(
          reference.conversation.id,
          replyToId,
          activity as Activity,
        );
        return sent.id ?? "";
      }),
    update: (reference, activityId, message) =>
      proactive(reference, async (context) => {
        await context.updateActivity({ ...toActivity(message), id: activityId });
      }),
    member: (reference, userId) =>
      proactive(reference, async (context) =>
        toMember((await TeamsInfo.getMember(context, userId)) as unknown as Record<string, unknown>),
      ),
  };
}
