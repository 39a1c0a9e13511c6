import type { RequestView } from "@countersign/approvals";
import type { types } from "@slack/bolt";
import { LIMITS } from "./block-kit-text";
import { decidableBlocks, ownRequestBlock } from "./render-request-list";

export const NO_EMAIL_TEXT =
  "countersign can't see an email on your Slack profile, so it can't match you to the policy's approvers. Ask your Slack admin, or check that the app has the `users:read.email` scope.";

/** App Home: what the user may decide (with buttons), then their own recent requests. */
export function renderHome(input: {
  email: string | null;
  decidable: RequestView[];
  own: RequestView[];
}): types.HomeView {
  const blocks: types.KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Waiting for your decision" } },
  ];
  if (!input.email) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: NO_EMAIL_TEXT } });
  } else if (input.decidable.length === 0) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: "_Nothing is waiting for you._" } });
  }
  // Two blocks each, plus the own list: stays within a surface's 100 blocks at these caps.
  for (const r of input.decidable.slice(0, 20)) blocks.push(...decidableBlocks(r), { type: "divider" });
  blocks.push({ type: "header", text: { type: "plain_text", text: "Your recent requests" } });
  if (input.own.length === 0) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: "_None yet. Ask with `/countersign request <action> because <reason>`._" },
    });
  }
  for (const r of input.own.slice(0, 10)) blocks.push(ownRequestBlock(r));
  return { type: "home", blocks: blocks.slice(0, LIMITS.surfaceBlocks) };
}
