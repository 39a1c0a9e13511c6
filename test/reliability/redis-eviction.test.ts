import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RELIABILITY_POLICY } from "../support/fault-scenario";
import { type PrivateRedis, startPrivateRedis } from "../support/private-services";
import { runCli } from "../support/run-cli";
import { startServeProcess } from "../support/serve-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let redis: PrivateRedis;
let database: TestDatabase;
beforeAll(async () => {
  // A Redis of its own: the shared one must stay noeviction for every other test file.
  redis = await startPrivateRedis(["--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"]);
  database = await createTestDatabase();
});
afterAll(async () => {
  await redis?.close();
  await database?.drop();
});

describe("a Redis that may evict BullMQ's keys", () => {
  it("is refused at start with exit 1 and a message that says what to change", async () => {
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      COUNTERSIGN_SECRET_KEY: randomBytes(32).toString("base64"),
      COUNTERSIGN_POLICY: RELIABILITY_POLICY,
      PORT: "0",
    };
    const result = await runCli(["serve", "--roles", "api,worker"], env, 30_000);
    expect(result.code).toBe(1);
    const said = result.stderr + result.stdout;
    expect(said).toContain("maxmemory-policy allkeys-lru");
    expect(said).toContain("noeviction");

    // The same Redis, once fixed, is accepted: the refusal was about the policy and nothing else.
    await redis.admin.config("SET", "maxmemory-policy", "noeviction");
    // Waits for "countersign started" (30 s: a loaded machine starts slowly), then stops it.
    const fixed = await startServeProcess("api", env);
    expect(fixed.url).toMatch(/^http:/);
    expect(await fixed.stop()).toBe(0);
  });
});
