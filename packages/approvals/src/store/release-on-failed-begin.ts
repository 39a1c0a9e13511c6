import type { Pool, PoolClient } from "pg";

// drizzle-orm 0.45's node-postgres `transaction()` checks a client out of the pool and sends BEGIN
// before the try/finally that releases it: when BEGIN fails (the connection died between checkout
// and BEGIN, as in a Postgres restart), the client is never released. The pool loses a slot for
// good, and `pool.end()` on shutdown waits for it forever. Upstream: drizzle-team/drizzle-orm#6023,
// #6241, #6341 (open). Until it is fixed there, the pool releases such a client itself, with the
// error, so pg-pool destroys it rather than handing it out again.

const BEGIN = /^\s*begin\b/i;
const failedBegin = Symbol("countersign.failedBegin");
const guarded = Symbol("countersign.beginGuarded");

type GuardedClient = PoolClient & { [failedBegin]?: boolean; [guarded]?: boolean };

export function releaseClientsOnFailedBegin(pool: Pool): void {
  const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
  pool.connect = ((callback?: unknown) => {
    if (callback) return (connect as unknown as (cb: unknown) => void)(callback);
    return connect().then((client) => guardCheckout(client as GuardedClient));
  }) as Pool["connect"];
}

function guardCheckout(client: GuardedClient): PoolClient {
  client[failedBegin] = false;
  // pg-pool gives every checkout a fresh release(); once we released after a failed BEGIN, a
  // caller that releases too (a drizzle with the fix) must not trip pg-pool's double-release error.
  const release = client.release;
  client.release = (error?: Error | boolean) => {
    if (!client[failedBegin]) release(error);
  };
  if (!client[guarded]) {
    client[guarded] = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const result = query(...args);
      const config = args[0];
      const text = typeof config === "string" ? config : (config as { text?: string } | undefined)?.text;
      if (!(result instanceof Promise) || !text || !BEGIN.test(text)) return result;
      return result.catch((error: unknown) => {
        if (!client[failedBegin]) {
          client.release(error instanceof Error ? error : new Error(String(error)));
          client[failedBegin] = true;
        }
        throw error;
      });
    }) as PoolClient["query"];
  }
  return client;
}
