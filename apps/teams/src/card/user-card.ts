import type { RequestView } from "@countersign/approvals";
import type { TeamsUser } from "../resolve-teams-user";
import { buildRequestCard, type CardOptions } from "./build-request-card";

/**
 * The card as one person should see it: buttons only if they can still act, and a line saying why not.
 * Display only; the engine decides for real when they click.
 */
export function cardForUser(
  view: RequestView,
  user: TeamsUser,
  options: Pick<CardOptions, "refreshUserIds" | "notice"> = {},
): Record<string, unknown> {
  const email = user.email;
  const mine = view.decisions.find((d) => d.approver === email);
  const asked = !!email && [view.requester.id, view.requester.on_behalf_of].some((r) => r?.toLowerCase() === email);
  const canAct = view.status === "pending" && !!email && view.approvers.includes(email) && !mine && !asked;
  let notice = options.notice;
  if (!notice && view.status === "pending") {
    if (mine)
      notice = { text: `You ${mine.verdict === "approve" ? "approved" : "denied"} this request.`, tone: "good" };
    else if (!email) notice = { text: "We could not match your Teams account to an email.", tone: "warning" };
    else if (asked) notice = { text: "You cannot decide your own request.", tone: "warning" };
    else if (!view.approvers.includes(email))
      notice = { text: "You are not an approver for this request.", tone: "warning" };
  }
  return buildRequestCard(view, { refreshUserIds: options.refreshUserIds, actionable: canAct, notice });
}
