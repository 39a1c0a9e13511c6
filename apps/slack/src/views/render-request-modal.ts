import type { types } from "@slack/bolt";
import { REQUEST_MODAL } from "../action-ids";
import type { RequestFields } from "../parse-command";
import type { RequestModalMetadata } from "../slack-payloads";
import { cut, LIMITS } from "./block-kit-text";

export const REQUEST_INPUTS = ["action", "resource", "environment", "duration", "reason"] as const;
export type RequestInput = (typeof REQUEST_INPUTS)[number];

const INPUTS: Record<RequestInput, { label: string; placeholder: string; optional: boolean; multiline?: boolean }> = {
  action: { label: "Action", placeholder: "db.export", optional: false },
  resource: { label: "Resource", placeholder: "postgres://prod/customers", optional: true },
  environment: { label: "Environment", placeholder: "production", optional: true },
  duration: { label: "For how long", placeholder: "15m, 2h or 1d", optional: true },
  reason: { label: "Reason", placeholder: "Why do you need this?", optional: false, multiline: true },
};

/** `/countersign request` with fields missing: the same fields in a modal, prefilled with what was typed. */
export function renderRequestModal(fields: RequestFields, metadata: RequestModalMetadata): types.ModalView {
  return {
    type: "modal",
    callback_id: REQUEST_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text", text: "Request access" },
    submit: { type: "plain_text", text: "Request" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: REQUEST_INPUTS.map((name) => {
      const input = INPUTS[name];
      const initial = fields[name];
      return {
        type: "input" as const,
        block_id: name,
        optional: input.optional,
        label: { type: "plain_text" as const, text: input.label },
        element: {
          type: "plain_text_input" as const,
          action_id: name,
          multiline: input.multiline ?? false,
          max_length: name === "reason" ? 4000 : 2048,
          placeholder: { type: "plain_text" as const, text: input.placeholder },
          ...(initial ? { initial_value: cut(initial, LIMITS.inputValue) } : {}),
        },
      };
    }),
  };
}
