import { z } from "zod";
import { REQUEST_ID } from "./action-ids";

// Only the fields we read; Slack adds fields freely, so these objects are not strict.
const User = z.object({ id: z.string().min(1), team_id: z.string().optional() });
const Team = z.object({ id: z.string().min(1) }).nullish();

/** A click on Approve or Deny, on a card, an ephemeral list or App Home. */
export const DecisionClick = z.object({
  type: z.literal("block_actions"),
  user: User,
  team: Team,
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string().min(1) }).optional(),
  view: z.object({ type: z.string() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().regex(REQUEST_ID, "not a request id") })).min(1),
});
export type DecisionClick = z.infer<typeof DecisionClick>;

const InputValue = z.object({ value: z.string().nullish() });

/** A submitted modal: values by block_id then action_id. */
export const ViewSubmission = z.object({
  type: z.literal("view_submission"),
  user: User,
  team: Team,
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().max(3000),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), InputValue)) }),
  }),
});
export type ViewSubmission = z.infer<typeof ViewSubmission>;

/** What the deny modal carries from the click to the submission. */
export const DenyModalMetadata = z.object({
  request_id: z.string().regex(REQUEST_ID),
  channel_id: z.string().optional(),
  reason_required: z.boolean(),
  from_home: z.boolean(),
});
export type DenyModalMetadata = z.infer<typeof DenyModalMetadata>;

export const RequestModalMetadata = z.object({ channel_id: z.string().optional() });
export type RequestModalMetadata = z.infer<typeof RequestModalMetadata>;

/** The form Slack posts for `/countersign …`. */
export const SlashCommandBody = z.object({
  command: z.string(),
  text: z.string().max(4000).default(""),
  user_id: z.string().min(1),
  team_id: z.string().min(1),
  channel_id: z.string().optional(),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});
export type SlashCommandBody = z.infer<typeof SlashCommandBody>;

export const AppHomeOpened = z.object({
  type: z.literal("app_home_opened"),
  user: z.string().min(1),
  tab: z.string().optional(),
});

/** A modal input's text, trimmed; empty means not given. */
export function inputText(submission: ViewSubmission, block: string): string | undefined {
  const value = submission.view.state.values[block]?.[block]?.value?.trim();
  return value ? value : undefined;
}

/** The team a click or submission came from (Enterprise Grid may leave `team` null). */
export function teamOf(body: { team?: { id: string } | null; user: { team_id?: string | undefined } }): string {
  return body.team?.id ?? body.user.team_id ?? "";
}

/** Modal metadata is ours, but it comes back through Slack: read it without trusting it. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
