import { connect, createServer, type Socket } from "node:net";
import { type Database, openDatabase, queryRows } from "@countersign/approvals";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_DATABASE_URL } from "./support/services";

/**
 * A TCP hop in front of the shared Postgres that can cut a connection the moment its client sends
 * BEGIN: the connection dying between checkout and BEGIN, as in a Postgres restart, made
 * deterministic.
 */
async function startCuttingProxy() {
  const target = new URL(ADMIN_DATABASE_URL);
  const sockets = new Set<Socket>();
  const state = { cutOnBegin: false, cuts: 0 };
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    upstream.pipe(client);
    client.on("data", (chunk: Buffer) => {
      if (state.cutOnBegin && /begin/i.test(chunk.toString("latin1"))) {
        state.cutOnBegin = false;
        state.cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const url = new URL(ADMIN_DATABASE_URL);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    state,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const within = <T>(ms: number, what: string, promise: Promise<T>) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms)),
  ]);

describe("a pooled connection that dies as its transaction begins", () => {
  let database: Database | null = null;
  let proxy: Awaited<ReturnType<typeof startCuttingProxy>> | null = null;
  afterEach(async () => {
    if (database) await within(5_000, "closing the pool", database.close()).catch(() => {});
    await proxy?.close();
  });

  it("fails that transaction, and the pool still serves the next one and closes", async () => {
    proxy = await startCuttingProxy();
    // One connection: a client the pool lost would leave nothing for the next transaction.
    database = await openDatabase({ url: proxy.url, poolSize: 1 });
    const db = database.db;
    await db.execute(sql`select 1`);

    proxy.state.cutOnBegin = true;
    await expect(db.transaction(async (tx) => tx.execute(sql`select 1`))).rejects.toThrow();
    expect(proxy.state.cuts).toBe(1);

    const next = db.transaction(async (tx) => queryRows(tx, sql`select 41 + 1 as answer`));
    expect(await within(5_000, "the next transaction", next)).toEqual([{ answer: 42 }]);
    await within(5_000, "closing the pool", database.close());
    database = null;
  });

  it("a transaction that fails after BEGIN still rolls back and frees its connection", async () => {
    proxy = await startCuttingProxy();
    database = await openDatabase({ url: proxy.url, poolSize: 1 });
    const db = database.db;
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        throw new Error("business rule refused");
      }),
    ).rejects.toThrow("business rule refused");
    const next = db.transaction(async (tx) => queryRows(tx, sql`select 1 as one`));
    expect(await within(5_000, "the next transaction", next)).toEqual([{ one: 1 }]);
  });
});
