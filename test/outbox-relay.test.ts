import { randomBytes } from "node:crypto";
import { createOutboxRelay, createQueues, type Database, openDatabase, queryRows } from "@countersign/approvals";
import { createLogger } from "@countersign/server/logger";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, createMigratedDatabase, TEST_REDIS_URL } from "./support/services";

const name = `cs_test_relay_${randomBytes(4).toString("hex")}`;
let database: Database;
const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
const queues = createQueues(connection, `cs-test-relay-${randomBytes(4).toString("hex")}`);
beforeAll(async () => {
  database = await openDatabase({ url: await createMigratedDatabase(name) });
});
afterAll(async () => {
  await Promise.all(Object.values(queues.byName).map((q) => q.obliterate({ force: true })));
  await queues.close();
  connection.disconnect();
  await database?.close();
  await adminQuery(`drop database if exists ${name} with (force)`);
});

async function writeRow(id: string, dueInMs: number) {
  await queryRows(
    database.db,
    sql`insert into outbox (id, kind, payload, available_at)
        values (${id}, 'request.expire', '{}'::jsonb, ${new Date(Date.now() + dueInMs).toISOString()}::timestamptz)`,
  );
}
const enqueued = async (id: string) =>
  (
    await queryRows<{ enqueued: boolean }>(
      database.db,
      sql`select enqueued_at is not null as enqueued from outbox where id = ${id}`,
    )
  )[0]?.enqueued;

describe("the outbox relay", () => {
  it("a nudge moves work due soon at once, and ignores one for work beyond the horizon", async () => {
    // No timer tick during the test: only nudges move rows.
    const relay = createOutboxRelay({ db: database.db, queues, log: createLogger("silent"), intervalMs: 3_600_000 });
    try {
      await writeRow("obx_later", 3_600_000);
      relay.nudge(new Date(Date.now() + 3_600_000));
      await new Promise((r) => setTimeout(r, 300));
      expect(await enqueued("obx_later")).toBe(false);
      await writeRow("obx_soon", 1_000);
      relay.nudge(new Date(Date.now() + 1_000));
      for (let i = 0; i < 40 && !(await enqueued("obx_soon")); i++) await new Promise((r) => setTimeout(r, 25));
      expect(await enqueued("obx_soon")).toBe(true);
      expect(await enqueued("obx_later")).toBe(false);
      expect(await queues.byName.expiry.getJob("obx_soon")).toBeTruthy();
      expect(await queues.byName.expiry.getJob("obx_later")).toBeFalsy();
    } finally {
      await relay.close();
    }
  });
});
