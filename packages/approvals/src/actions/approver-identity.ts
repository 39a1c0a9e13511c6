import type { Actor } from "../context";
import { isSelfApproval } from "../policy";

/** The email an actor decides as: a key's bound approver, or the chat user's profile email. */
export function approverEmail(actor: Actor): string | null {
  switch (actor.type) {
    case "api-key":
      return actor.approver?.toLowerCase() ?? null;
    case "slack":
    case "teams":
      return actor.email?.toLowerCase() ?? null;
    default:
      return null;
  }
}

export function decisionChannel(actor: Actor): string {
  return actor.type === "api-key" ? "api" : actor.type;
}

/** The policy's self-approval rule, applied to a stored request. */
export function isSelf(email: string, request: { requesterId: string; onBehalfOf: string | null }): boolean {
  return isSelfApproval(email, { id: request.requesterId, on_behalf_of: request.onBehalfOf });
}
