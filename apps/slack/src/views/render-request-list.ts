import type { RequestView } from "@countersign/approvals";
import type { types } from "@slack/bolt";
import { ACTION_APPROVE, ACTION_DENY } from "../action-ids";
import { cut, escapeMrkdwn, LIMITS, slackDate } from "./block-kit-text";
import { progressLabel, requesterLabel } from "./render-card";

type ListedRequest = Pick<
  RequestView,
  | "id"
  | "status"
  | "action"
  | "resource"
  | "environment"
  | "requester"
  | "reason"
  | "approvals"
  | "required_approvals"
  | "expires_at"
  | "created_at"
>;

function headline(r: ListedRequest): string {
  const where = [
    r.resource ? ` on \`${escapeMrkdwn(r.resource)}\`` : "",
    r.environment ? ` in ${escapeMrkdwn(r.environment)}` : "",
  ].join("");
  return `*\`${escapeMrkdwn(r.action)}\`*${where}`;
}

/** A pending request someone may decide: two blocks, with the same buttons as the card. */
export function decidableBlocks(r: ListedRequest): types.KnownBlock[] {
  const reason = r.reason ? `\n${escapeMrkdwn(cut(r.reason, 300))}` : "";
  return [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: cut(
          `${headline(r)}\nby ${escapeMrkdwn(requesterLabel(r))} · ${progressLabel(r)} · expires ${slackDate(r.expires_at)}${reason}`,
          LIMITS.sectionText,
        ),
      },
    },
    {
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: ACTION_APPROVE,
          text: { type: "plain_text", text: "Approve" },
          style: "primary",
          value: r.id,
        },
        {
          type: "button",
          action_id: ACTION_DENY,
          text: { type: "plain_text", text: "Deny" },
          style: "danger",
          value: r.id,
        },
      ],
    },
  ];
}

/** One of the user's own requests: one block, its state. */
export function ownRequestBlock(r: ListedRequest): types.KnownBlock {
  const state = r.status === "pending" ? `pending, ${progressLabel(r)}` : r.status;
  return {
    type: "section",
    text: {
      type: "mrkdwn",
      text: cut(`${headline(r)}\n${state} · asked ${slackDate(r.created_at)} · \`${r.id}\``, LIMITS.sectionText),
    },
  };
}
