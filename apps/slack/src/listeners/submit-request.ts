import { CreateRequestInput, createRequest } from "@countersign/approvals";
import { tryParseSpokenDuration } from "@countersign/approvals/policy/index";
import type { RequestFields } from "../parse-command";
import { refusalMessage } from "../refusal-messages";
import { NO_EMAIL_TEXT } from "../views/render-home";
import type { RequestInput } from "../views/render-request-modal";
import { type ListenerDeps, slackActor } from "./listener-deps";

/** What a human must give before a request is sent; otherwise the modal asks for it. */
export function missingOrInvalid(fields: RequestFields): Partial<Record<RequestInput, string>> {
  const problems: Partial<Record<RequestInput, string>> = {};
  if (!fields.action) problems.action = "Say which action you need.";
  else if (!CreateRequestInput.shape.action.safeParse(fields.action).success) {
    problems.action = "Actions are lowercase letters, digits and _ . : - (up to 128).";
  }
  if (!fields.reason) problems.reason = "Say why: approvers decide on it.";
  if (fields.duration && tryParseSpokenDuration(fields.duration) === null) {
    problems.duration = "A duration like 15m, 2h or 1d.";
  }
  return problems;
}

/** Sends a human's request through the engine, as them; answers with one line for the user. */
export async function submitRequest(
  deps: ListenerDeps,
  who: { userId: string; teamId: string },
  fields: RequestFields,
): Promise<string> {
  const { actor, user } = await slackActor(deps, who.userId, who.teamId);
  if (!user.email) return `:warning: ${NO_EMAIL_TEXT}`;
  const durationSeconds = fields.duration ? tryParseSpokenDuration(fields.duration) : null;
  const input = CreateRequestInput.safeParse({
    action: fields.action,
    resource: fields.resource,
    environment: fields.environment,
    requester: {
      type: "human",
      id: user.email,
      ...(user.name ? { display_name: user.name.slice(0, 256) } : {}),
    },
    reason: fields.reason,
    // How long the access is for is part of what is approved (and of the params digest), as on Teams.
    params: durationSeconds ? { duration: fields.duration, duration_seconds: durationSeconds } : {},
  });
  if (!input.success) {
    const detail = input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    return `:warning: That request isn't valid: ${detail}`;
  }
  try {
    const { body } = await createRequest(deps.engine.ctx(actor), input.data);
    const rule = body.policy.rule ? `rule *${body.policy.rule}*` : "no rule matched";
    switch (body.decision_mode) {
      case "auto_approved":
        // Never the token: it does not go to chat (CONTRACT.md section 4).
        return `:white_check_mark: Request \`${body.id}\` for \`${input.data.action}\` was approved by policy (${rule}).`;
      case "denied_by_policy":
        return `:no_entry: Request \`${body.id}\` for \`${input.data.action}\` was denied by policy (${rule}).`;
      default: {
        const noun = body.required_approvals === 1 ? "approval" : "approvals";
        return `:hourglass_flowing_sand: Request \`${body.id}\` for \`${input.data.action}\` is waiting for ${body.required_approvals} ${noun} (${rule}). You'll get a DM with the outcome.`;
      }
    }
  } catch (error) {
    deps.log.info({ err: error, user_id: who.userId }, "Slack request refused");
    return refusalMessage(error);
  }
}
