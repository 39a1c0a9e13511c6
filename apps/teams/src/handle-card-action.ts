import { AppError, decide, type Engine, getRequest, isAppError, type RequestView } from "@countersign/approvals";
import { cardForUser } from "./card/user-card";
import { teamsMessageFor } from "./error-messages";
import type { IdentityDirectory, TeamsUser } from "./resolve-teams-user";

export interface CardDecision {
  verb: "approve" | "deny" | "refresh";
  requestId: string;
  reason?: string;
}

export interface CardActionResult {
  /** The card as the clicker should now see it; null when the request does not exist. */
  card: Record<string, unknown> | null;
  /** The request as it now is (for a card everyone sees). */
  view: RequestView | null;
  message: string | null;
  changed: boolean;
}

const notFound = (): CardActionResult => ({
  card: null,
  view: null,
  message: teamsMessageFor(new AppError("not_found")),
  changed: false,
});

/** A click on approve/deny (or Teams asking for one user's view): one engine action, then the card to show. */
export async function handleCardDecision(
  engine: Engine,
  identities: IdentityDirectory,
  user: TeamsUser,
  decision: CardDecision,
): Promise<CardActionResult> {
  const reader = engine.ctx({ type: "system", reason: "teams card" });
  const current = async () => (await getRequest(reader, decision.requestId)) as RequestView;
  const refreshUserIds = async (view: RequestView) => identities.userIdsFor(view.approvers);

  let view: RequestView;
  try {
    view = await current();
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return notFound();
    throw error;
  }
  if (decision.verb === "refresh") {
    return {
      card: cardForUser(view, user, { refreshUserIds: await refreshUserIds(view) }),
      view,
      message: null,
      changed: false,
    };
  }

  const actor = { type: "teams" as const, aadObjectId: user.aadObjectId, email: user.email };
  try {
    view = await decide(engine.ctx(actor), decision.requestId, { verdict: decision.verb, reason: decision.reason });
    return {
      card: cardForUser(view, user, { refreshUserIds: await refreshUserIds(view) }),
      view,
      message: null,
      changed: true,
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const message = teamsMessageFor(error);
    view = await current();
    return {
      card: cardForUser(view, user, {
        refreshUserIds: await refreshUserIds(view),
        notice: { text: message, tone: "attention" },
      }),
      view,
      message,
      changed: false,
    };
  }
}
