import { type Ctx, saveConversationReference } from "@countersign/approvals";
import type { ConversationRef } from "./conversation-reference";

/** The stored key of a user's personal chat with the bot, found by their Entra object id. */
export function personalReferenceKey(aadObjectId: string): string {
  return `user:${aadObjectId}`;
}

/**
 * Every activity tells us how to reach its conversation later (install, conversationUpdate, any message).
 * A personal chat is also stored under the user, so their request outcomes can find it.
 */
export async function captureConversation(ctx: Ctx, reference: ConversationRef, fromAadObjectId: string | undefined) {
  const stored = { ...reference, activityId: undefined };
  await saveConversationReference(ctx, "teams", reference.conversation.id, stored);
  if (reference.conversation.conversationType === "personal" && fromAadObjectId) {
    await saveConversationReference(ctx, "teams", personalReferenceKey(fromAadObjectId), stored);
  }
}
