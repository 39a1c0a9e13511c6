import { type ChannelNotifier, RetryLaterError } from "@countersign/approvals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, startTestServer, type TestServer } from "../support/start-test-server";

const attempts = new Map<string, number[]>();
const DELAY_MS = 300;
const notifier: ChannelNotifier = {
  kind: "slack",
  async publish(_ctx, input) {
    const seen = attempts.get(input.request.id) ?? [];
    seen.push(Date.now());
    attempts.set(input.request.id, seen);
    await new Promise((r) => setTimeout(r, input.request.reason === "slow" ? 8000 : Math.random() * 60));
    if (seen.length === 1 && input.request.reason === "throttled") throw new RetryLaterError(DELAY_MS);
  },
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ notifiers: [notifier] });
});
afterAll(() => t?.close());

describe("RetryLaterError(ms)", () => {
  it("is retried after about ms, not after the worker's idle poll", async () => {
    const requester = await t.createKey(["requests:write"]);
    const throttled: string[] = [];
    for (let i = 0; i < 12; i++) {
      const reason = i === 0 ? "slow" : "throttled";
      const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ reason }));
      if (reason === "throttled") throttled.push(created.body.id as string);
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 400));
    }
    const deadline = Date.now() + 20_000;
    while (throttled.some((id) => (attempts.get(id)?.length ?? 0) < 2) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const gaps = throttled.map((id) => {
      const seen = attempts.get(id) ?? [];
      return seen.length >= 2 ? seen[1]! - seen[0]! : 99_999;
    });
    console.log("gaps", gaps.join(","));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(DELAY_MS - 5);
      expect(gap).toBeLessThan(DELAY_MS + 800);
    }
  }, 60_000);
});
