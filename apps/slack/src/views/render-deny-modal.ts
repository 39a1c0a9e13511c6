import type { types } from "@slack/bolt";
import { DENY_MODAL } from "../action-ids";
import type { DenyModalMetadata } from "../slack-payloads";
import { cut, escapeMrkdwn, LIMITS } from "./block-kit-text";
import type { CardRequest } from "./render-card";

export const REASON_BLOCK = "reason";

/** The modal Deny opens: the reason is a required input when the rule says so. */
export function renderDenyModal(request: CardRequest, metadata: DenyModalMetadata): types.ModalView {
  const what = `\`${escapeMrkdwn(request.action)}\`${request.resource ? ` on \`${escapeMrkdwn(request.resource)}\`` : ""}`;
  return {
    type: "modal",
    callback_id: DENY_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text", text: "Deny request" },
    submit: { type: "plain_text", text: "Deny" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: cut(`Deny ${what} asked by ${escapeMrkdwn(request.requester.id)}?`, LIMITS.sectionText),
        },
      },
      {
        type: "input",
        block_id: REASON_BLOCK,
        optional: !metadata.reason_required,
        label: { type: "plain_text", text: metadata.reason_required ? "Reason (required by the rule)" : "Reason" },
        element: {
          type: "plain_text_input",
          action_id: REASON_BLOCK,
          multiline: true,
          max_length: 2000,
          placeholder: { type: "plain_text", text: "Why is this denied? The requester will see it." },
        },
      },
    ],
  };
}
