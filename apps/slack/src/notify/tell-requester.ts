import type { Ctx, NotifyInput } from "@countersign/approvals";
import { RetryLaterError } from "@countersign/approvals";
import { z } from "zod";
import { renderOutcome } from "../views/render-outcome";
import { callSlack } from "./call-slack";
import type { NotifierDeps } from "./notifier-deps";
import { acquireLease } from "./redis-lock";
import { takePostSlot } from "./slack-rate-limits";

const SlackOrigin = z.object({ platform: z.literal("slack"), user_id: z.string().min(1), team_id: z.string() });
const FINAL = new Set(["approved", "denied", "expired", "cancelled"]);
const SENT_TTL_SECONDS = 7 * 24 * 3600;

/** DMs the human who asked from Slack the outcome of their request, once. */
export async function tellRequester(
  ctx: Ctx,
  input: NotifyInput & { target: { type: "requester" } },
  deps: NotifierDeps,
): Promise<void> {
  const origin = SlackOrigin.safeParse(input.target.origin);
  if (!origin.success || !FINAL.has(input.request.status)) return;
  const key = `slack:dm:${input.request.id}:${input.request.status}`;
  const lease = await acquireLease(deps.redis, `${key}:lease`, 30_000);
  if (!lease) throw new RetryLaterError(250, "another job is sending this DM");
  try {
    // Redis only remembers the DM was sent: if it forgets, the worst case is one repeated DM.
    if (await deps.redis.exists(key)) return;
    const opened = await callSlack(() => deps.web.conversations.open({ users: origin.data.user_id }));
    const channel = opened.channel?.id;
    if (!channel) throw new Error("conversations.open answered without a channel");
    await takePostSlot(deps.redis, channel);
    await callSlack(() => deps.web.chat.postMessage({ channel, ...renderOutcome(input.request) }));
    await deps.redis.set(key, "1", "EX", SENT_TTL_SECONDS);
    ctx.log.info({ request_id: input.request.id }, "told the Slack requester the outcome");
  } finally {
    await lease.release().catch((error: unknown) => ctx.log.warn({ err: error }, "could not release a DM lease"));
  }
}
