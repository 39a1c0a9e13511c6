import { ConnectorError, createBotFramework } from "@countersign/teams/bot-framework/bot-framework-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotConnector, startFakeBotConnector } from "../support/fake-bot-connector";

let connector: FakeBotConnector;
beforeAll(async () => {
  connector = await startFakeBotConnector("anonymous");
});
afterAll(() => connector?.close());

describe("the real connector client behind our adapter", () => {
  it.each([429, 412, 502, 504])(
    "hands a %i straight back (with Retry-After) instead of sleeping and retrying inside",
    async (status) => {
      const bot = createBotFramework({ anonymous: true });
      const reference = {
        channelId: "msteams",
        serviceUrl: connector.url,
        conversation: { id: "19:limits@thread.tacv2" },
        bot: { id: "28:bot" },
      };
      connector.failNext(1, status, { "retry-after": "30" });
      const before = connector.calls.length;
      const started = Date.now();
      const error = await bot.send(reference, { text: "hello" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ status, retryAfterMs: 30_000 });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(connector.calls.length - before).toBe(1);
      // And the next call goes through normally.
      await expect(bot.send(reference, { text: "hello again" })).resolves.toMatch(/^1:/);
    },
  );
});
