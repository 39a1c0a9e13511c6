import { randomBytes } from "node:crypto";
import { leasedRateLimitStore, leaseSize } from "@countersign/approvals";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_REDIS_URL } from "./support/services";

// Two stores on one Redis stand for two API processes sharing each key's budget.
const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
const namespace = `cs-test-leases-${randomBytes(4).toString("hex")}:`;
afterAll(async () => {
  const keys = await redis.keys(`${namespace}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

type Store = {
  incr(key: string, cb: (e: Error | null, r?: { current: number; ttl: number }) => void, w: number, m: number): void;
};
const newStore = (client: Redis = redis): Store => new (leasedRateLimitStore(client, namespace))();
const incr = (store: Store, key: string, windowMs: number, max: number) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), windowMs, max),
  );
const allowed = (r: { current: number }, max: number) => r.current <= max;
const counter = async (key: string) => Number(await redis.get(`${namespace}${key}`));

describe("the leased rate-limit store", () => {
  it("leases max/50 at a time, between 1 and 100", () => {
    expect([40, 600, 1_000, 100_000].map(leaseSize)).toEqual([1, 12, 20, 100]);
  });

  it("one process: exactly max requests pass, then refusals with the time left, from memory", async () => {
    const store = newStore();
    const results = [];
    for (let i = 0; i < 130; i++) results.push(await incr(store, "one", 60_000, 600 / 5));
    expect(results.filter((r) => allowed(r, 120))).toHaveLength(120);
    expect(results.slice(0, 120).map((r) => r.current)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const refused = results.slice(120);
    expect(refused.every((r) => r.current > 120 && r.ttl > 0 && r.ttl <= 60_000)).toBe(true);
    // 120 / 50 → leases of 2: 60 round trips to Redis for 120 requests, none for the refusals
    expect(await counter("one")).toBe(120);
  });

  it("two processes share the budget: never more than max, at most 2 × (lease − 1) fewer", async () => {
    const a = newStore();
    const second = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const b = newStore(second);
    const max = 500; // leases of 10
    let passed = 0;
    for (let i = 0; i < 700; i++) if (allowed(await incr(i % 3 === 0 ? a : b, "shared", 60_000, max), max)) passed++;
    expect(passed).toBeLessThanOrEqual(max);
    expect(passed).toBeGreaterThanOrEqual(max - 2 * (leaseSize(max) - 1));
    second.disconnect();
  });

  it("requests arriving together wait for one lease instead of each taking one", async () => {
    const store = newStore();
    const results = await Promise.all(Array.from({ length: 50 }, () => incr(store, "burst", 60_000, 1_000)));
    expect(results.every((r) => allowed(r, 1_000))).toBe(true);
    expect(new Set(results.map((r) => r.current)).size).toBe(50);
    expect(await counter("burst")).toBe(60); // three leases of 20, not fifty
  });

  it("a new window gives a new budget", async () => {
    const store = newStore();
    for (let i = 0; i < 3; i++) expect(allowed(await incr(store, "window", 300, 3), 3)).toBe(true);
    expect(allowed(await incr(store, "window", 300, 3), 3)).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    expect(allowed(await incr(store, "window", 300, 3), 3)).toBe(true);
  });

  it("reports a Redis failure to the caller (the plugin then lets the request through)", async () => {
    const broken = new Redis("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    broken.on("error", () => {});
    const store = newStore(broken);
    await expect(incr(store, "down", 60_000, 100)).rejects.toThrow();
    broken.disconnect();
  });
});
