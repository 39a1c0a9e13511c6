import { randomBytes } from "node:crypto";
import { RetryLaterError } from "@countersign/approvals";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { takePostSlot, takeUpdateSlot } from "./slack-rate-limits";

const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
afterAll(() => redis.quit());
const unique = () => `T${randomBytes(6).toString("hex")}`;

async function refusal(attempt: Promise<void>): Promise<RetryLaterError> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RetryLaterError);
  return error as RetryLaterError;
}

describe("Slack rate limits", () => {
  it("one post per second per channel; the second caller is told how long to wait", async () => {
    const channel = unique();
    await takePostSlot(redis, channel);
    const wait = await refusal(takePostSlot(redis, channel));
    expect(wait.delayMs).toBeGreaterThanOrEqual(50);
    expect(wait.delayMs).toBeLessThanOrEqual(1_000);
    await takePostSlot(redis, unique()); // another channel is not held back
  });

  it("50 card updates a minute per workspace; the rest wake spread over the next minute, not all at once", async () => {
    const team = unique();
    const now = Date.UTC(2026, 10, 22, 12, 0, 20); // 20 s into a minute
    for (let i = 0; i < 50; i++) await takeUpdateSlot(redis, team, now);
    const delays: number[] = [];
    for (let i = 0; i < 40; i++) delays.push((await refusal(takeUpdateSlot(redis, team, now))).delayMs);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(40_000); // not before the next minute starts
      expect(delay).toBeLessThan(100_000); // within that minute
    }
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(10_000);
    await takeUpdateSlot(redis, unique(), now); // another workspace has its own budget
  });
});
