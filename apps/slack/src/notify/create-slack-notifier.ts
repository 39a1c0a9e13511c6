import type { ChannelNotifier } from "@countersign/approvals";
import type { NotifierDeps } from "./notifier-deps";
import { postReminder } from "./post-reminder";
import { publishCard } from "./publish-card";
import { tellRequester } from "./tell-requester";

/** What the worker calls on every change of a request that names a Slack channel or came from Slack. */
export function createSlackNotifier(deps: NotifierDeps): ChannelNotifier {
  return {
    kind: "slack",
    async publish(ctx, input) {
      const { target } = input;
      if (target.type === "channel" && input.event === "request.reminder")
        await postReminder(ctx, { ...input, target }, deps);
      else if (target.type === "channel") await publishCard(ctx, { ...input, target }, deps);
      else await tellRequester(ctx, { ...input, target }, deps);
    },
  };
}
