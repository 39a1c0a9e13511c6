import type { ListenerDeps } from "./listener-deps";

/**
 * An answer only this user sees: ephemeral in the channel they clicked in, else (App Home, modals,
 * or a channel the bot cannot post to) a DM. Failing to answer is logged, never thrown.
 */
export async function tellUser(
  deps: ListenerDeps,
  where: { userId: string; channelId?: string | undefined },
  text: string,
): Promise<void> {
  try {
    if (where.channelId) {
      try {
        await deps.web.chat.postEphemeral({ channel: where.channelId, user: where.userId, text });
        return;
      } catch (error) {
        deps.log.debug({ err: error }, "chat.postEphemeral failed; answering by DM");
      }
    }
    const opened = await deps.web.conversations.open({ users: where.userId });
    if (opened.channel?.id) await deps.web.chat.postMessage({ channel: opened.channel.id, text });
  } catch (error) {
    deps.log.warn({ err: error, user_id: where.userId }, "could not answer the Slack user");
  }
}
