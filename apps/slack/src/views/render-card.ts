import type { RequestView } from "@countersign/approvals";
import type { types } from "@slack/bolt";
import { ACTION_APPROVE, ACTION_DENY } from "../action-ids";
import { cut, cutWithNote, escapeMrkdwn, fitCodeSection, LIMITS, slackDate } from "./block-kit-text";

export type KnownBlock = types.KnownBlock;

export interface SlackMessage {
  /** The plain-text fallback: notifications, screen readers, clients without Block Kit. */
  text: string;
  blocks: KnownBlock[];
}

/** The fields of a request view a card shows; all of them masked by the engine before storage. */
export type CardRequest = Pick<
  RequestView,
  | "id"
  | "status"
  | "action"
  | "resource"
  | "environment"
  | "requester"
  | "reason"
  | "params"
  | "context"
  | "policy"
  | "required_approvals"
  | "approvals"
  | "expires_at"
  | "decided_at"
  | "decisions"
> &
  Partial<Pick<RequestView, "remind_every" | "escalation" | "timed_out">>;

const HEADLINES: Record<string, string> = {
  pending: "Approval requested",
  approved: "Approved",
  denied: "Denied",
  expired: "Expired",
  cancelled: "Cancelled",
};

const VERDICT_MARK: Record<string, string> = { approve: ":white_check_mark:", deny: ":no_entry:" };

export function requesterLabel(request: Pick<CardRequest, "requester">): string {
  const { requester } = request;
  const name = requester.display_name ? `${requester.display_name} (${requester.id})` : requester.id;
  return `${name}, ${requester.type}`;
}

export function progressLabel(request: Pick<CardRequest, "approvals" | "required_approvals">): string {
  const noun = request.required_approvals === 1 ? "approval" : "approvals";
  return `${request.approvals} of ${request.required_approvals} ${noun}`;
}

/** One line in plain text, for the fallback `text` and for notifications. */
export function summaryLine(request: CardRequest): string {
  const where = [request.resource && `on ${request.resource}`, request.environment && `in ${request.environment}`]
    .filter(Boolean)
    .join(" ");
  const state =
    request.status === "pending" ? `${progressLabel(request)}, expires ${request.expires_at}` : request.status;
  return `${HEADLINES[request.status] ?? request.status}: ${request.requester.id} asks to ${request.action}${where ? ` ${where}` : ""} (${state})`;
}

/** The approval card: masked data only, within Block Kit's limits, buttons only while pending. */
export function renderCard(request: CardRequest, options: { publicUrl: string }): SlackMessage {
  const link = `${options.publicUrl.replace(/\/$/, "")}/v1/requests/${request.id}`;
  const cutNote = (omitted: number) =>
    `_… ${omitted.toLocaleString("en-US")} more characters cut; the full masked request: ${escapeMrkdwn(link)}_`;
  const blocks: KnownBlock[] = [];

  blocks.push({
    type: "header",
    text: {
      type: "plain_text",
      text: cut(`${HEADLINES[request.status] ?? request.status}: ${request.action}`, LIMITS.headerText),
    },
  });

  const fields: { label: string; value: string }[] = [
    { label: "Requested by", value: escapeMrkdwn(requesterLabel(request)) },
    ...(request.requester.on_behalf_of
      ? [{ label: "On behalf of", value: escapeMrkdwn(request.requester.on_behalf_of) }]
      : []),
    { label: "Action", value: `\`${escapeMrkdwn(request.action)}\`` },
    { label: "Resource", value: request.resource ? `\`${escapeMrkdwn(request.resource)}\`` : "_not given_" },
    { label: "Environment", value: request.environment ? escapeMrkdwn(request.environment) : "_not given_" },
    {
      label: request.status === "pending" ? "Expires" : "Closed",
      value: slackDate(request.status === "pending" ? request.expires_at : (request.decided_at ?? request.expires_at)),
    },
    ...waitingFields(request),
  ];
  blocks.push({
    type: "section",
    fields: fields.slice(0, LIMITS.fields).map((f) => ({
      type: "mrkdwn" as const,
      text: cut(`*${f.label}*\n${f.value}`, LIMITS.fieldText),
    })),
  });

  blocks.push({
    type: "section",
    text: {
      type: "mrkdwn",
      text: cutWithNote(
        `*Reason*\n${request.reason ? escapeMrkdwn(request.reason) : "_none given_"}`,
        LIMITS.sectionText,
        cutNote,
      ),
    },
  });

  blocks.push({
    type: "section",
    text: {
      type: "mrkdwn",
      text: fitCodeSection("*Parameters* (masked)", pretty(request.params), LIMITS.sectionText, cutNote),
    },
  });
  if (request.context && Object.keys(request.context).length > 0) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitCodeSection("*Context* (masked)", pretty(request.context), LIMITS.sectionText, cutNote),
      },
    });
  }

  const explanation = Array.isArray(request.policy.explanation) ? request.policy.explanation.map(String) : [];
  const why = explanation.length ? `: ${explanation.join("; ")}` : "";
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: cut(
          `Rule *${escapeMrkdwn(request.policy.rule ?? "none")}* matched${escapeMrkdwn(why)}`,
          LIMITS.contextText,
        ),
      },
    ],
  });

  blocks.push({ type: "section", text: { type: "mrkdwn", text: progressText(request, cutNote) } });

  if (request.status === "pending") {
    blocks.push({
      type: "actions",
      block_id: "countersign_decision",
      elements: [
        {
          type: "button",
          action_id: ACTION_APPROVE,
          text: { type: "plain_text", text: "Approve" },
          style: "primary",
          value: request.id,
        },
        {
          type: "button",
          action_id: ACTION_DENY,
          text: { type: "plain_text", text: "Deny" },
          style: "danger",
          value: request.id,
        },
      ],
    });
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: cut(`countersign · \`${request.id}\``, LIMITS.contextText) }],
  });

  return { text: cut(summaryLine(request), LIMITS.fallbackText), blocks: blocks.slice(0, LIMITS.messageBlocks) };
}

function progressText(request: CardRequest, cutNote: (omitted: number) => string): string {
  const status =
    request.status === "pending"
      ? `*Progress:* ${progressLabel(request)}`
      : `*${HEADLINES[request.status] ?? request.status}* · ${progressLabel(request)}`;
  const lines = request.decisions.map((d) => {
    const verb = d.verdict === "approve" ? "approved" : "denied";
    const reason = d.reason ? `: “${escapeMrkdwn(d.reason)}”` : "";
    return `${VERDICT_MARK[d.verdict] ?? ""} ${escapeMrkdwn(d.approver)} ${verb} via ${escapeMrkdwn(d.channel)}, ${slackDate(d.at)}${reason}`;
  });
  if (request.status === "expired" && request.decisions.length < request.required_approvals) {
    lines.push(":hourglass: expired before enough approvals");
  }
  if (request.status === "denied" && request.timed_out) lines.push(":hourglass: denied: nobody decided in time");
  return cutWithNote([status, ...lines].join("\n"), LIMITS.sectionText, cutNote);
}

/** Reminders and escalation, as the rule set them up for this request. */
function waitingFields(request: CardRequest): { label: string; value: string }[] {
  const fields: { label: string; value: string }[] = [];
  if (request.status === "pending" && request.remind_every) {
    fields.push({ label: "Reminders", value: `every ${escapeMrkdwn(request.remind_every)}` });
  }
  const escalation = request.escalation;
  if (escalation) {
    const groups = escalation.groups.length ? escalation.groups.join(", ") : "more channels";
    const where = escalation.channels.length ? ` (in ${escalation.channels.join(", ")})` : "";
    const to = escapeMrkdwn(`${groups}${where}`);
    if (escalation.escalated_at) {
      fields.push({ label: "Escalated", value: `to ${to}, ${slackDate(escalation.escalated_at)}` });
    } else if (request.status === "pending" && escalation.at) {
      fields.push({ label: "Escalates", value: `to ${to}, ${slackDate(escalation.at)}` });
    }
  }
  return fields;
}

function pretty(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2) ?? "{}";
}

/** The threaded nudge under a pending card; `mentions` are already mrkdwn (`<@U…>` or escaped emails). */
export function renderReminder(request: CardRequest, mentions: string[]): SlackMessage {
  const who = mentions.length ? `Waiting on ${mentions.join(", ")}. ` : "";
  const text = `:bell: Reminder: this request still needs approval (${progressLabel(request)}). ${who}It expires ${slackDate(request.expires_at)}.`;
  return {
    text: cut(text, LIMITS.fallbackText),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: cut(text, LIMITS.sectionText) } }],
  };
}
