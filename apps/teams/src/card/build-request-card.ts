import type { RequestView } from "@countersign/approvals";
import { explanationLines, json, plain, when } from "./card-text";

/** Teams rejects messages over 28 KB; the card leaves room for the activity around it. */
export const CARD_BYTE_LIMIT = 26 * 1024;
/** Teams refreshes a card automatically for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

export interface CardOptions {
  /** Teams user ids (29:…) of approvers we know, so their view refreshes itself. */
  refreshUserIds?: string[];
  /** Show approve/deny (default: while pending). */
  actionable?: boolean;
  /** A line for the person looking, e.g. why they cannot decide. */
  notice?: { text: string; tone: "good" | "attention" | "warning" };
}

const STATUS_LINE: Record<string, string> = {
  pending: "⏳ Waiting for approval",
  approved: "✅ Approved",
  denied: "⛔ Denied",
  expired: "⌛ Expired",
  cancelled: "🚫 Cancelled by the requester",
};

function whoAsks(view: RequestView): string {
  const r = view.requester;
  const name = r.display_name
    ? `**${plain(r.display_name)}** (${r.type} ${plain(r.id)})`
    : `**${plain(r.id)}** (${r.type})`;
  return r.on_behalf_of ? `${name} asks on behalf of **${plain(r.on_behalf_of)}**` : `${name} asks`;
}

function textBlock(text: string, extra: Record<string, unknown> = {}) {
  return { type: "TextBlock", text, wrap: true, ...extra };
}

function section(title: string, body: string) {
  return [
    textBlock(title, { weight: "Bolder", spacing: "Medium" }),
    textBlock(plain(body), { fontType: "Monospace", size: "Small" }),
  ];
}

function decisionLines(view: RequestView): string[] {
  return view.decisions.map((d) => {
    const verdict = d.verdict === "approve" ? "✅ approved" : "⛔ denied";
    return `${plain(d.approver)} ${verdict} via ${d.channel}${d.reason ? `: "${plain(d.reason)}"` : ""}`;
  });
}

function actionButton(verb: "approve" | "deny", requestId: string) {
  const title = verb === "approve" ? "Approve" : "Deny";
  return {
    type: "Action.Execute",
    verb,
    title,
    style: verb === "approve" ? "positive" : "destructive",
    data: { request_id: requestId },
    // Clients without Universal Actions send a message activity instead (handled as the same decision).
    fallback: { type: "Action.Submit", title, data: { countersign: verb, request_id: requestId } },
  };
}

/** Reminders and escalation, as the rule set them up for this request. */
function waitingFacts(view: RequestView): { title: string; value: string }[] {
  const facts: { title: string; value: string }[] = [];
  if (view.status === "pending" && view.remind_every)
    facts.push({ title: "Reminders", value: `every ${view.remind_every}` });
  const escalation = view.escalation;
  if (escalation) {
    const groups = escalation.groups.length ? escalation.groups.join(", ") : "more channels";
    const to = plain(`${groups}${escalation.channels.length ? ` (in ${escalation.channels.join(", ")})` : ""}`);
    if (escalation.escalated_at)
      facts.push({ title: "Escalated", value: `to ${to}, ${when(escalation.escalated_at)}` });
    else if (view.status === "pending" && escalation.at) {
      facts.push({ title: "Escalates", value: `to ${to}, ${when(escalation.at)}` });
    }
  }
  return facts;
}

function render(view: RequestView, options: CardOptions, texts: { params: string; context: string | null }) {
  const actionable = options.actionable ?? view.status === "pending";
  const rule = view.policy.rule ?? "no rule matched";
  const why = explanationLines(view.policy.explanation);
  const decisions = decisionLines(view);
  const body: Record<string, unknown>[] = [
    textBlock(`Approval request: ${plain(view.action)}`, { weight: "Bolder", size: "Medium" }),
    textBlock(whoAsks(view)),
    {
      type: "FactSet",
      facts: [
        { title: "Action", value: plain(view.action) },
        { title: "Resource", value: plain(view.resource ?? "—") },
        { title: "Environment", value: plain(view.environment ?? "—") },
        { title: "Reason", value: plain(view.reason ?? "—") },
        { title: "Progress", value: `${view.approvals} of ${view.required_approvals} approvals` },
        { title: "Expires", value: when(view.expires_at) },
        ...waitingFacts(view),
        { title: "Request", value: view.id },
      ],
    },
    ...section("Parameters (masked)", texts.params),
    ...(texts.context === null ? [] : section("Context (masked)", texts.context)),
    textBlock(`Rule **${plain(rule)}**${why.length ? `: ${plain(why.join("; "))}` : ""}`, {
      isSubtle: true,
      spacing: "Medium",
    }),
    textBlock(
      view.status === "denied" && view.timed_out
        ? "⛔ Denied: nobody decided in time"
        : (STATUS_LINE[view.status] ?? view.status),
      { weight: "Bolder", spacing: "Medium" },
    ),
    ...decisions.map((line) => textBlock(line, { spacing: "Small" })),
  ];
  if (options.notice) body.push(textBlock(options.notice.text, { color: options.notice.tone, weight: "Bolder" }));
  if (actionable) {
    body.push({
      type: "Input.Text",
      id: "reason",
      label: "Reason",
      placeholder: "Why? (required to deny)",
      isMultiline: true,
      maxLength: 2000,
    });
  }
  const userIds = (options.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    ...(userIds.length
      ? {
          refresh: {
            action: { type: "Action.Execute", verb: "refresh", title: "Refresh", data: { request_id: view.id } },
            userIds,
          },
        }
      : {}),
    body,
    ...(actionable ? { actions: [actionButton("approve", view.id), actionButton("deny", view.id)] } : {}),
    msteams: { width: "Full" },
  };
}

function truncated(text: string, keep: number, what: string, id: string): string {
  if (text.length <= keep) return text;
  return `${text.slice(0, Math.max(0, keep))}\n… (${what} truncated: ${text.length - keep} more characters; read it with GET /v1/requests/${id})`;
}

/** The request's card: the same content as on Slack, always under Teams' message size limit. */
export function buildRequestCard(view: RequestView, options: CardOptions = {}): Record<string, unknown> {
  const fullParams = json(view.params);
  const fullContext = view.context === null || view.context === undefined ? null : json(view.context);
  let keepParams = fullParams.length;
  let keepContext = fullContext?.length ?? 0;
  // Shrink context first (display only), then params, until the card fits.
  for (;;) {
    const card = render(view, options, {
      params: truncated(fullParams, keepParams, "parameters", view.id),
      context: fullContext === null ? null : truncated(fullContext, keepContext, "context", view.id),
    });
    const over = Buffer.byteLength(JSON.stringify(card)) - CARD_BYTE_LIMIT;
    if (over <= 0) return card;
    // Characters cost 1 to 6 bytes once JSON-escaped: cut by the shrinking text's own ratio so this converges fast.
    const shrinking =
      fullContext !== null && keepContext > 0 ? fullContext.slice(0, keepContext) : fullParams.slice(0, keepParams);
    const cut = Math.ceil((over * shrinking.length) / Math.max(1, Buffer.byteLength(JSON.stringify(shrinking)))) + 16;
    if (fullContext !== null && keepContext > 0) keepContext = Math.max(0, keepContext - cut);
    else if (keepParams > 0) keepParams = Math.max(0, keepParams - cut);
    else return card;
  }
}
