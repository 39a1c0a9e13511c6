import { cut, cutWithNote, escapeMrkdwn, LIMITS } from "./block-kit-text";
import type { SlackMessage } from "./render-card";
import { type CardRequest, progressLabel } from "./render-card";

const OUTCOME: Record<string, string> = {
  approved: ":white_check_mark: approved",
  denied: ":no_entry: denied",
  expired: ":hourglass: expired",
  cancelled: ":heavy_multiplication_x: cancelled",
};

/** The DM a human requester gets when their request from Slack reaches its final state. */
export function renderOutcome(request: CardRequest): SlackMessage {
  const what = `\`${escapeMrkdwn(request.action)}\`${request.resource ? ` on \`${escapeMrkdwn(request.resource)}\`` : ""}`;
  const outcome = OUTCOME[request.status] ?? request.status;
  const byPolicy = request.decisions.length === 0 && (request.status === "approved" || request.status === "denied");
  const lines = [`Your request ${what} was *${outcome}*${byPolicy ? " by policy" : ""}.`];
  for (const d of request.decisions) {
    const verb = d.verdict === "approve" ? "approved" : "denied";
    lines.push(`• ${escapeMrkdwn(d.approver)} ${verb}${d.reason ? `: “${escapeMrkdwn(d.reason)}”` : ""}`);
  }
  if (request.status === "expired") lines.push(`It had ${progressLabel(request)} when it expired.`);
  if (request.status === "approved") {
    lines.push("The one-time token is never sent to chat: the executor collects it from countersign.");
  }
  const text = cutWithNote(lines.join("\n"), LIMITS.sectionText, (n) => `_… ${n} more characters cut_`);
  return {
    text: cut(`Your request ${request.action} was ${request.status} (${request.id})`, LIMITS.fallbackText),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      { type: "context", elements: [{ type: "mrkdwn", text: `countersign · \`${request.id}\`` }] },
    ],
  };
}
