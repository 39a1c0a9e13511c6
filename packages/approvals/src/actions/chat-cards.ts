import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context";
import { newId } from "../crypto/ids";
import { cardPosts, chatConversations } from "../store/schema";

export type ChatPlatform = "slack" | "teams";

export interface CardPost {
  target: string;
  address: Record<string, unknown>;
}

/** The copies of a request's card already posted on a platform. */
export async function listCardPosts(ctx: Ctx, requestId: string, platform: ChatPlatform): Promise<CardPost[]> {
  const rows = await ctx.db
    .select({ target: cardPosts.target, address: cardPosts.address })
    .from(cardPosts)
    .where(and(eq(cardPosts.requestId, requestId), eq(cardPosts.platform, platform)));
  return rows.map((r) => ({ target: r.target, address: r.address as Record<string, unknown> }));
}

/** Remembers where a copy of the card lives (one per request, platform and target). */
export async function recordCardPost(
  ctx: Ctx,
  input: { requestId: string; platform: ChatPlatform; target: string; address: Record<string, unknown> },
): Promise<void> {
  await ctx.db
    .insert(cardPosts)
    .values({ id: newId("crd"), ...input, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoUpdate({
      target: [cardPosts.requestId, cardPosts.platform, cardPosts.target],
      set: { address: input.address, updatedAt: ctx.now },
    });
}

/** Stores what a platform needs to message a conversation later (captured on install and on any message). */
export async function saveConversationReference(
  ctx: Ctx,
  platform: ChatPlatform,
  conversationId: string,
  reference: Record<string, unknown>,
): Promise<void> {
  await ctx.db
    .insert(chatConversations)
    .values({ platform, conversationId, reference, updatedAt: ctx.now })
    .onConflictDoUpdate({
      target: [chatConversations.platform, chatConversations.conversationId],
      set: { reference, updatedAt: ctx.now },
    });
}

export async function loadConversationReference(
  ctx: Ctx,
  platform: ChatPlatform,
  conversationId: string,
): Promise<Record<string, unknown> | null> {
  const [row] = await ctx.db
    .select({ reference: chatConversations.reference })
    .from(chatConversations)
    .where(and(eq(chatConversations.platform, platform), eq(chatConversations.conversationId, conversationId)))
    .limit(1);
  return (row?.reference as Record<string, unknown> | undefined) ?? null;
}

export async function listConversationReferences(ctx: Ctx, platform: ChatPlatform) {
  return ctx.db
    .select({
      conversationId: chatConversations.conversationId,
      reference: chatConversations.reference,
      updatedAt: chatConversations.updatedAt,
    })
    .from(chatConversations)
    .where(eq(chatConversations.platform, platform));
}
