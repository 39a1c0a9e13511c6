import {
  AppError,
  type Ctx,
  getRequest,
  listCardPosts,
  type NotifyInput,
  RetryLaterError,
  recordCardPost,
} from "@countersign/approvals";
import { z } from "zod";
import { renderCard } from "../views/render-card";
import { callSlack } from "./call-slack";
import type { NotifierDeps } from "./notifier-deps";
import { acquireLease } from "./redis-lock";
import { takePostSlot, takeUpdateSlot } from "./slack-rate-limits";

const SlackChannelConfig = z.object({ channel: z.string().min(1) });
const CardAddress = z.object({ team: z.string(), channel: z.string().min(1), ts: z.string().min(1) });
export type CardAddress = z.infer<typeof CardAddress>;

const LEASE_MS = 30_000;

/**
 * Posts the card to one policy channel, or updates the copy already there. A retry never posts a
 * second card: the post is recorded right after it succeeds and looked up before posting.
 */
export async function publishCard(
  ctx: Ctx,
  input: NotifyInput & { target: { type: "channel" } },
  deps: NotifierDeps,
): Promise<void> {
  const config = SlackChannelConfig.safeParse(input.target.config);
  if (!config.success)
    throw new AppError("validation_failed", `policy channel ${input.target.name} has no slack.channel`);
  const requestId = input.request.id;
  const lease = await acquireLease(deps.redis, `slack:card:${requestId}:${input.target.name}`, LEASE_MS);
  if (!lease) throw new RetryLaterError(250, "another job is posting or updating this card");
  try {
    // Read inside the lease: whichever job runs last renders the latest state, even out of order.
    const request = await getRequest(ctx, requestId);
    const message = renderCard(request, { publicUrl: deps.publicUrl });
    const posted = (await listCardPosts(ctx, requestId, "slack")).find((p) => p.target === input.target.name);
    if (posted) {
      const address = CardAddress.parse(posted.address);
      await takeUpdateSlot(deps.redis, address.team);
      await callSlack(() => deps.web.chat.update({ channel: address.channel, ts: address.ts, ...message }));
      return;
    }
    const { teamId } = await deps.identity();
    await takePostSlot(deps.redis, config.data.channel);
    const result = await callSlack(() => deps.web.chat.postMessage({ channel: config.data.channel, ...message }));
    if (!result.ts) throw new Error("chat.postMessage answered without a ts");
    const address: CardAddress = { team: teamId, channel: result.channel ?? config.data.channel, ts: result.ts };
    await recordCardPost(ctx, { requestId, platform: "slack", target: input.target.name, address });
  } finally {
    await lease.release().catch((error: unknown) => ctx.log.warn({ err: error }, "could not release a card lease"));
  }
}
