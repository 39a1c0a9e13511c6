import pg from "pg";

/**
 * Waits until countersign's outbox holds no pending row that is due: the jobs a run created
 * (card notifications) are done. A run at full throughput leaves a backlog the workers finish
 * afterwards; measuring the next run while they do would charge it for the last one's work.
 * Resolves with how long the drain took, in ms.
 */
export async function waitForOutboxDrain(databaseUrl: string, timeoutMs = 300_000): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    for (;;) {
      const { rows } = await client.query<{ due: number }>(
        "select count(*)::int as due from outbox where status = 'pending' and available_at <= now()",
      );
      if (rows[0]?.due === 0) return Math.round(performance.now() - started);
      if (performance.now() - started > timeoutMs) throw new Error(`outbox not drained after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
}
