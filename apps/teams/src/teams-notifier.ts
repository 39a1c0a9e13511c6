import {
  type ChannelNotifier,
  type Ctx,
  listCardPosts,
  loadConversationReference,
  type NotifyInput,
  type RequestView,
  RetryLaterError,
  recordCardPost,
} from "@countersign/approvals";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { BotFramework } from "./bot-framework/bot-framework-adapter";
import { personalReferenceKey } from "./capture-conversation";
import { buildRequestCard } from "./card/build-request-card";
import { ConversationRef, type OutgoingMessage } from "./conversation-reference";
import { outcomeMessage } from "./outcome-message";
import type { IdentityDirectory } from "./resolve-teams-user";
import { withConnectorRetry } from "./retry-later";
import type { SendLimiter } from "./send-limiter";
import type { TeamsKeys } from "./teams-keys";

/** A policy channel's Teams settings (CONTRACT.md section 5). */
const TeamsChannel = z.object({ conversation: z.string().min(1), service_url: z.url() });
/** Where a posted copy of a card lives (card_posts.address). */
export const CardAddress = z.object({ conversation_id: z.string(), activity_id: z.string(), service_url: z.string() });
const TeamsOrigin = z.looseObject({ aad_object_id: z.string(), conversation_id: z.string().optional() });

export interface NotifierDeps {
  bot: BotFramework;
  redis: Redis;
  keys: TeamsKeys;
  limiter: SendLimiter;
  identities: IdentityDirectory;
}

export function createTeamsNotifier(deps: NotifierDeps): ChannelNotifier {
  const { bot, redis, keys, limiter } = deps;

  const send = async (
    ctx: Ctx,
    reference: ConversationRef,
    requestId: string,
    target: string,
    message: OutgoingMessage,
  ) => {
    await limiter.acquire(keys.sends(`${reference.serviceUrl}|${reference.conversation.id}`));
    return withConnectorRetry(redis, keys.failures(requestId, target), () => bot.send(reference, message)).then(
      (id) => {
        ctx.log.debug({ request_id: requestId, target, activity_id: id }, "teams message sent");
        return id;
      },
    );
  };

  const cardFor = async (view: RequestView) =>
    buildRequestCard(view, { refreshUserIds: await deps.identities.userIdsFor(view.approvers) });

  async function publishCard(ctx: Ctx, view: RequestView, target: string, conversationId: string) {
    const posted = (await listCardPosts(ctx, view.id, "teams")).find((p) => p.target === target);
    if (posted) {
      const address = CardAddress.parse(posted.address);
      const stored = await loadConversationReference(ctx, "teams", address.conversation_id);
      const reference = stored
        ? ConversationRef.parse(stored)
        : ConversationRef.parse({
            channelId: "msteams",
            serviceUrl: address.service_url,
            conversation: { id: address.conversation_id },
          });
      await limiter.acquire(keys.sends(`${reference.serviceUrl}|${reference.conversation.id}`));
      await withConnectorRetry(redis, keys.failures(view.id, target), () =>
        cardFor(view).then((card) => bot.update(reference, address.activity_id, { card })),
      );
      return;
    }

    const stored = await loadConversationReference(ctx, "teams", conversationId);
    if (!stored) {
      ctx.log.error(
        { request_id: view.id, channel: target, conversation: conversationId },
        "teams: the bot has never been installed in this conversation, so the card cannot be posted; add the countersign app there (see `countersign channels check`)",
      );
      return;
    }
    const reference = ConversationRef.parse(stored);
    // One poster at a time per copy: a retried job and a later event's job must not both post.
    const lock = keys.postLock(view.id, target);
    if ((await redis.set(lock, String(process.pid), "PX", 30_000, "NX")) !== "OK") {
      throw new RetryLaterError(500 + Math.floor(Math.random() * 500), "another worker is posting this card");
    }
    try {
      if ((await listCardPosts(ctx, view.id, "teams")).some((p) => p.target === target)) {
        return publishCard(ctx, view, target, conversationId);
      }
      const activityId = await send(ctx, reference, view.id, target, { card: await cardFor(view) });
      await recordCardPost(ctx, {
        requestId: view.id,
        platform: "teams",
        target,
        address: {
          conversation_id: reference.conversation.id,
          activity_id: activityId,
          service_url: reference.serviceUrl,
        },
      });
    } finally {
      await redis.del(lock);
    }
  }

  /** A reminder is a reply in the card's conversation, naming the approvers who have not decided yet. */
  async function remind(ctx: Ctx, view: RequestView, target: string, conversationId: string) {
    const posted = (await listCardPosts(ctx, view.id, "teams")).find((p) => p.target === target);
    // No card here yet (its post failed or is still queued): the card itself is the best reminder.
    if (!posted) return publishCard(ctx, view, target, conversationId);
    const address = CardAddress.parse(posted.address);
    const stored = await loadConversationReference(ctx, "teams", address.conversation_id);
    const reference = ConversationRef.parse(
      stored ?? {
        channelId: "msteams",
        serviceUrl: address.service_url,
        conversation: { id: address.conversation_id },
      },
    );
    await limiter.acquire(keys.sends(`${reference.serviceUrl}|${reference.conversation.id}`));
    await withConnectorRetry(redis, keys.failures(view.id, `${target}:reminder`), () =>
      bot.reply(reference, address.activity_id, { text: reminderText(view) }),
    );
  }

  async function tellRequester(ctx: Ctx, input: NotifyInput & { target: { type: "requester" } }) {
    const origin = TeamsOrigin.safeParse(input.target.origin);
    if (!origin.success) return;
    const candidates = [personalReferenceKey(origin.data.aad_object_id), origin.data.conversation_id];
    for (const conversation of candidates) {
      if (!conversation) continue;
      const stored = await loadConversationReference(ctx, "teams", conversation);
      if (!stored) continue;
      const reference = ConversationRef.parse(stored);
      const target = `requester:${input.event}`;
      // Recorded like a card copy, so a retried job does not tell them twice.
      if ((await listCardPosts(ctx, input.request.id, "teams")).some((p) => p.target === target)) return;
      const activityId = await send(ctx, reference, input.request.id, target, {
        text: outcomeMessage(input.request, input.event),
      });
      await recordCardPost(ctx, {
        requestId: input.request.id,
        platform: "teams",
        target,
        address: {
          conversation_id: reference.conversation.id,
          activity_id: activityId,
          service_url: reference.serviceUrl,
        },
      });
      return;
    }
    ctx.log.warn(
      { request_id: input.request.id, aad_object_id: origin.data.aad_object_id },
      "teams: no conversation with the requester is known, so they were not told the outcome",
    );
  }

  return {
    kind: "teams",
    async publish(ctx, input) {
      if (input.target.type === "requester") return tellRequester(ctx, { ...input, target: input.target });
      const channel = TeamsChannel.parse(input.target.config);
      if (input.event === "request.reminder") {
        return remind(ctx, input.request, input.target.name, channel.conversation);
      }
      await publishCard(ctx, input.request, input.target.name, channel.conversation);
    },
  };
}

function reminderText(view: RequestView): string {
  const decided = new Set(view.decisions.map((d) => d.approver));
  const waiting = view.approvers.filter((email) => !decided.has(email));
  const who = waiting.length ? ` Waiting on ${waiting.join(", ")}.` : "";
  return `🔔 Reminder: ${view.action} (${view.id}) still needs approval: ${view.approvals} of ${view.required_approvals} approvals.${who} It expires ${view.expires_at}.`;
}
