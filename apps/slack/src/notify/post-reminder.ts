import { AppError, type Ctx, getRequest, listCardPosts, type NotifyInput } from "@countersign/approvals";
import { z } from "zod";
import { renderReminder } from "../views/render-card";
import { callSlack } from "./call-slack";
import { mentionApprovers } from "./mention-approvers";
import type { NotifierDeps } from "./notifier-deps";
import { publishCard } from "./publish-card";
import { takePostSlot } from "./slack-rate-limits";

const CardAddress = z.object({ channel: z.string().min(1), ts: z.string().min(1) });

/** A reminder is a threaded reply under the card, naming the approvers who have not decided yet. */
export async function postReminder(
  ctx: Ctx,
  input: NotifyInput & { target: { type: "channel" } },
  deps: NotifierDeps,
): Promise<void> {
  const request = await getRequest(ctx, input.request.id);
  if (request.status !== "pending") return;
  const posted = (await listCardPosts(ctx, request.id, "slack")).find((p) => p.target === input.target.name);
  // No card here yet (its post failed or is still queued): the card itself is the best reminder.
  if (!posted) return publishCard(ctx, input, deps);
  const address = CardAddress.safeParse(posted.address);
  if (!address.success) throw new AppError("validation_failed", "the stored Slack card address is malformed");
  const decided = new Set(request.decisions.map((d) => d.approver));
  const mentions = await mentionApprovers(
    deps,
    request.approvers.filter((email) => !decided.has(email)),
  );
  await takePostSlot(deps.redis, address.data.channel);
  await callSlack(() =>
    deps.web.chat.postMessage({
      channel: address.data.channel,
      thread_ts: address.data.ts,
      ...renderReminder(request, mentions),
    }),
  );
}
