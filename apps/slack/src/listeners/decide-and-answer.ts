import { type DecideInput, decide, isAppError } from "@countersign/approvals";
import { refusalMessage } from "../refusal-messages";
import { publishHome } from "./app-home";
import { type ListenerDeps, slackActor } from "./listener-deps";
import { tellUser } from "./tell-user";

export interface ClickOrigin {
  userId: string;
  teamId: string;
  /** Where to answer ephemerally; absent for App Home and modals opened from it. */
  channelId?: string | undefined;
  fromHome: boolean;
}

/**
 * One decision from Slack. The cards change through the queue, like for every other channel;
 * here the user only hears about a refusal. App Home is republished so the request leaves the list.
 */
export async function decideAndAnswer(
  deps: ListenerDeps,
  origin: ClickOrigin,
  requestId: string,
  input: DecideInput,
): Promise<void> {
  const { actor } = await slackActor(deps, origin.userId, origin.teamId);
  try {
    await decide(deps.engine.ctx(actor), requestId, input);
  } catch (error) {
    if (isAppError(error) && error.status < 500) {
      deps.log.info({ request_id: requestId, user_id: origin.userId, code: error.code }, "Slack decision refused");
    } else {
      deps.log.error({ err: error, request_id: requestId }, "Slack decision failed");
    }
    await tellUser(deps, origin, refusalMessage(error));
  }
  if (origin.fromHome) await publishHome(deps, origin.userId, origin.teamId);
}
