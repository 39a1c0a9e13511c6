import {
  AppError,
  CreateRequestInput,
  createRequest,
  type Engine,
  listDecidableRequests,
  listOwnRequests,
  type RequestView,
} from "@countersign/approvals";
import { tryParseSpokenDuration } from "@countersign/approvals/policy/index";
import { teamsMessageFor } from "./error-messages";
import type { Command } from "./parse-command";
import type { TeamsUser } from "./resolve-teams-user";

export const HELP_TEXT = [
  "**countersign**: human approval for privileged actions.",
  "- `request <action> [on <resource>] [for <duration>] [because <reason>]`: ask for approval, e.g. `request db.export on postgres://prod/customers for 2h because quarterly audit`",
  "- `list`: what you may approve, and your own recent requests",
  "- `help`: this message",
  "In a channel, mention the bot first: `@countersign list`.",
].join("\n");

function line(view: Pick<RequestView, "id" | "action" | "resource" | "status" | "expires_at">) {
  return `- ${view.id}: ${view.action}${view.resource ? ` on ${view.resource}` : ""} (${view.status}, expires ${view.expires_at})`;
}

/** One bot command as one engine action; the answer is the text to reply with. */
export async function runCommand(
  engine: Engine,
  user: TeamsUser,
  command: Command,
  conversationId: string,
): Promise<string> {
  if (command.type === "help") return HELP_TEXT;
  if (command.type === "unknown") return `I don't know "${command.text.slice(0, 80)}".\n\n${HELP_TEXT}`;
  if (!user.email) return "I could not match your Teams account to an email, so I cannot act for you.";
  const ctx = engine.ctx({ type: "teams", aadObjectId: user.aadObjectId, email: user.email });

  if (command.type === "list") {
    const [decidable, own] = await Promise.all([
      listDecidableRequests(ctx, user.email),
      listOwnRequests(ctx, user.email),
    ]);
    return [
      decidable.length ? "**Waiting for your decision:**" : "Nothing is waiting for your decision.",
      ...decidable.map(line),
      ...(own.length ? ["", "**Your recent requests:**", ...own.map(line)] : []),
    ].join("\n");
  }

  const params: Record<string, unknown> = {};
  if (command.duration) {
    const seconds = tryParseSpokenDuration(command.duration);
    if (seconds === null) return `"${command.duration}" is not a duration (try 30m, 2 hours or 1d).`;
    params.duration = command.duration;
    params.duration_seconds = seconds;
  }
  const parsed = CreateRequestInput.safeParse({
    action: command.action,
    resource: command.resource,
    requester: { type: "human", id: user.email, ...(user.name ? { display_name: user.name } : {}) },
    reason: command.reason,
    params,
  });
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
    return `${teamsMessageFor(new AppError("validation_failed", detail))}\n\n${HELP_TEXT}`;
  }
  try {
    const { body } = await createRequest(ctx, parsed.data, {
      origin: { platform: "teams", aad_object_id: user.aadObjectId, conversation_id: conversationId },
    });
    const what = `${body.id} (${parsed.data.action}${parsed.data.resource ? ` on ${parsed.data.resource}` : ""})`;
    if (body.decision_mode === "auto_approved")
      return `Request ${what} was approved by policy (rule ${body.policy.rule}).`;
    if (body.decision_mode === "denied_by_policy") {
      return `Request ${what} was denied by policy${body.policy.rule ? ` (rule ${body.policy.rule})` : ": no rule matches it"}.`;
    }
    return `Request ${what} is waiting for ${body.required_approvals} approval(s) from ${body.approvers.join(", ")}; it expires ${body.expires_at}. I will message you the outcome.`;
  } catch (error) {
    return teamsMessageFor(error);
  }
}
