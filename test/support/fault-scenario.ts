import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { loadConfig } from "@countersign/server/config";
import { createLogger } from "@countersign/server/logger";
import { type RunningServer, serve } from "@countersign/server/serve";
import type { Redis } from "ioredis";
import pg from "pg";
import { createKeysDirectly } from "./create-keys-directly";
import { startPrivatePostgres, startPrivateRedis } from "./private-services";
import { type ServeProcess, serveProcessEnv, startServeProcess } from "./serve-process";

export const RELIABILITY_POLICY = fileURLToPath(new URL("../reliability/policy.yaml", import.meta.url));

export type FaultName = "redis-flushall" | "redis-restart" | "postgres-restart" | "worker-sigkill";

export interface FaultFigure {
  fault: FaultName;
  /** Milliseconds since the stream started. */
  at: number;
  /** How long the service was down on purpose (restarts). */
  downMs: number;
  /** From the fault until an API call started after it succeeded. */
  httpRecoveryMs: number | null;
  /** From the fault until a callback arrived for a request decided after it. */
  callbackRecoveryMs: number | null;
  /** From the fault until every request decided before it had its callback. */
  backlogClearedMs: number | null;
}

export interface FaultReport {
  requests: number;
  withCallback: number;
  lost: string[];
  /** Deliveries beyond the first, and whether each repeated the same webhook-id. */
  duplicates: number;
  duplicatesWithOtherWebhookId: number;
  apiRetries: number;
  faults: FaultFigure[];
  /** From the last decision until the last missing callback arrived. */
  drainMs: number;
  totalMs: number;
}

export interface FaultScenarioOptions {
  requests: number;
  /** Requests created and decided per second. */
  ratePerSecond: number;
  faults: FaultName[];
  /**
   * The API process's reconciler: `fast` (every 500 ms, test timers), `default` (the production
   * timers), or `off` (to show the check fails without it; the worker processes keep theirs).
   */
  reconcile: "fast" | "default" | "off";
  /** How long to wait for the last callbacks. */
  drainTimeoutMs: number;
  /** Each callback waits this long before answering, so workers hold jobs when one is killed. */
  receiverDelayMs?: number;
  /** The receiver answers 503 to each request's first delivery: every callback waits for a retry in Redis. */
  failFirstAttempt?: boolean;
  log?: (line: string) => void;
}

/**
 * A stream of requests, each approved over the API with a callback URL, while the faults hit a
 * private Redis, a private Postgres and the worker processes; then checks every callback arrived.
 */
export async function runFaultScenario(options: FaultScenarioOptions): Promise<FaultReport> {
  const log = options.log ?? (() => {});
  const redis = await startPrivateRedis();
  const postgres = await startPrivatePostgres();
  const received = new Map<string, { webhookIds: string[]; at: number[] }>();
  let deliveriesInFlight = 0;
  const refusedOnce = new Set<string>();
  const receiver = createServer((req, res) => {
    deliveriesInFlight++;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { data: { request_id: string } };
      if (options.failFirstAttempt && !refusedOnce.has(body.data.request_id)) {
        refusedOnce.add(body.data.request_id);
        deliveriesInFlight--;
        res.writeHead(503).end();
        return;
      }
      setTimeout(() => {
        const entry = received.get(body.data.request_id) ?? { webhookIds: [], at: [] };
        entry.webhookIds.push(String(req.headers["webhook-id"]));
        entry.at.push(Date.now());
        received.set(body.data.request_id, entry);
        deliveriesInFlight--;
        res.writeHead(200).end();
      }, options.receiverDelayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const env = serveProcessEnv({
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    prefix: "faults",
    policy: RELIABILITY_POLICY,
    logLevel: "silent",
  });
  const { requester, alice } = await createKeysDirectly(env, {
    requester: { name: "faults requester", scopes: ["requests:write"] },
    alice: { name: "faults alice", scopes: ["decisions:write"], approver: "alice@example.com" },
  });

  let api: RunningServer | null = null;
  const workers: ServeProcess[] = [];
  const closeLater: RunningServer[] = [];
  try {
    api = await serve({
      config: loadConfig(env),
      roles: ["api"],
      log: createLogger("silent"),
      timing:
        options.reconcile === "fast"
          ? { reconcileEveryMs: 500, staleAfterMs: 1000 }
          : options.reconcile === "off"
            ? { reconcileEveryMs: 2_000_000_000 }
            : undefined,
    });
    const url = api.url ?? "";
    const inProcessWorkers: RunningServer[] = [];
    if (options.reconcile === "off") {
      // Worker processes would run their own reconciler; in-process workers can have it turned off.
      for (let i = 0; i < 2; i++)
        inProcessWorkers.push(
          await serve({
            config: loadConfig(env),
            roles: ["worker"],
            log: createLogger("silent"),
            timing: { reconcileEveryMs: 2_000_000_000 },
          }),
        );
      closeLater.push(...inProcessWorkers);
    } else {
      for (let i = 0; i < 2; i++) workers.push(await startServeProcess("worker", { ...env, LOG_LEVEL: "info" }));
    }

    let apiRetries = 0;
    const successes: { startedAt: number; endedAt: number }[] = [];
    const call = async (key: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
      for (let attempt = 1; ; attempt++) {
        const startedAt = Date.now();
        if (attempt % 50 === 0) log(`${path}: still failing after ${attempt} attempts`);
        try {
          const response = await fetch(`${url}${path}`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(20_000),
          });
          const json = (await response.json()) as Record<string, any>;
          if (response.status < 500) {
            successes.push({ startedAt, endedAt: Date.now() });
            return { status: response.status, body: json };
          }
        } catch {
          // the listener is up; a fault makes calls fail or time out: retry like a client would
        }
        apiRetries++;
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    const decidedAt = new Map<string, number>();
    const started = Date.now();
    const ids: string[] = [];
    const runOne = async (i: number) => {
      const created = await call(
        requester.key,
        "/v1/requests",
        {
          action: "db.export",
          resource: "postgres://staging/customers",
          environment: "staging",
          requester: { type: "agent", id: "etl-agent" },
          reason: "fault run",
          params: { table: "customers", run: randomUUID() },
          callback: { url: callbackUrl },
        },
        { "idempotency-key": `fault-run-${i}` },
      );
      const id = String(created.body.id);
      ids.push(id);
      // When the decision was asked for: its callback may arrive before the answer does.
      decidedAt.set(id, Date.now());
      const decided = await call(alice.key, `/v1/requests/${id}/decisions`, { verdict: "approve" });
      // 200: a retried decision whose first attempt went through; already_decided likewise.
      if (decided.status !== 201 && decided.status !== 200 && decided.body.code !== "already_decided")
        throw new Error(`decision answered ${decided.status} ${JSON.stringify(decided.body)}`);
    };

    const faults: FaultFigure[] = [];
    const injectAt = options.faults.map((_, k) =>
      Math.floor(((k + 1) * options.requests) / (options.faults.length + 1)),
    );
    const inject = async (fault: FaultName) => {
      const at = Date.now();
      let downMs = 0;
      log(`fault ${fault} at ${at - started} ms`);
      switch (fault) {
        case "redis-flushall":
          await redis.admin.flushall();
          break;
        case "redis-restart":
          await redis.stop();
          await new Promise((r) => setTimeout(r, 1000));
          await redis.start();
          downMs = Date.now() - at;
          break;
        case "postgres-restart":
          await postgres.stop();
          await new Promise((r) => setTimeout(r, 1000));
          await postgres.start();
          downMs = Date.now() - at;
          break;
        case "worker-sigkill": {
          // Mid-job: both workers die while a callback delivery is in their hands.
          const waitUntil = Date.now() + 10_000;
          while (deliveriesInFlight === 0 && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 1));
          const victims = workers.splice(0);
          for (const victim of victims) victim.child.kill("SIGKILL");
          await Promise.all(victims.map((v) => v.exited));
          // A process manager restarts them.
          for (let w = 0; w < 2; w++) workers.push(await startServeProcess("worker", { ...env, LOG_LEVEL: "info" }));
          downMs = Date.now() - at;
          break;
        }
      }
      faults.push({ fault, at, downMs, httpRecoveryMs: null, callbackRecoveryMs: null, backlogClearedMs: null });
    };

    const inFlight = new Set<Promise<void>>();
    const errors: unknown[] = [];
    const faultsDone: Promise<void>[] = [];
    for (let i = 0; i < options.requests; i++) {
      const k = injectAt.indexOf(i);
      if (k >= 0) faultsDone.push(inject(options.faults[k]!));
      const p = runOne(i)
        .catch((error: unknown) => void errors.push(error))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      await new Promise((r) => setTimeout(r, 1000 / options.ratePerSecond));
    }
    log(`all ${options.requests} requests sent`);
    await Promise.all(faultsDone);
    log("faults done");
    await Promise.all(inFlight);
    log("every request created and decided");
    if (errors.length) throw errors[0];
    const lastDecision = Math.max(...decidedAt.values());

    const deadline = Date.now() + options.drainTimeoutMs;
    let nextReport = Date.now() + 5_000;
    while (ids.some((id) => !received.has(id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      if (Date.now() > nextReport) {
        log(`draining: ${ids.filter((id) => !received.has(id)).length} callbacks still missing`);
        nextReport += 5_000;
      }
    }
    const lost = ids.filter((id) => !received.has(id));
    log(`drained: ${lost.length} lost`);
    if (lost.length > 0) await logLostCallbacks(env, redis.admin, lost, log);
    const firstCallback = (id: string) => Math.min(...(received.get(id)?.at ?? [Number.POSITIVE_INFINITY]));
    const lastArrival = Math.max(...ids.map(firstCallback).filter(Number.isFinite));

    for (const figure of faults) {
      const after = successes.filter((s) => s.startedAt >= figure.at).sort((a, b) => a.endedAt - b.endedAt)[0];
      figure.httpRecoveryMs = after ? after.endedAt - figure.at : null;
      const callbacksAfter = ids
        .filter((id) => (decidedAt.get(id) ?? 0) >= figure.at)
        .map(firstCallback)
        .filter(Number.isFinite);
      figure.callbackRecoveryMs = callbacksAfter.length ? Math.min(...callbacksAfter) - figure.at : null;
      const before = ids.filter((id) => (decidedAt.get(id) ?? Number.POSITIVE_INFINITY) < figure.at).map(firstCallback);
      figure.backlogClearedMs = before.every(Number.isFinite) ? Math.max(0, Math.max(...before) - figure.at) : null;
      figure.at -= started;
    }
    let duplicates = 0;
    let duplicatesWithOtherWebhookId = 0;
    for (const entry of received.values()) {
      duplicates += entry.webhookIds.length - 1;
      if (new Set(entry.webhookIds).size > 1) duplicatesWithOtherWebhookId++;
    }
    return {
      requests: ids.length,
      withCallback: ids.length - lost.length,
      lost,
      duplicates,
      duplicatesWithOtherWebhookId,
      apiRetries,
      faults,
      drainMs: Math.max(0, lastArrival - lastDecision),
      totalMs: Date.now() - started,
    };
  } finally {
    log("stopping");
    for (const worker of workers) {
      worker.child.kill("SIGKILL");
      await worker.exited;
    }
    log("stopping: workers killed");
    await logDatabaseSessions(env, log).catch((error: unknown) => log(`sessions: ${String(error)}`));
    for (const server of closeLater) await server.close().catch(() => {});
    // Quiet while the faults ran; a shutdown that hangs names what it waits for at warn.
    if (api) api.log.level = "warn";
    await api?.close().catch(() => {});
    log("stopping: API closed");
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await redis.close();
    await postgres.close();
    log("stopped");
  }
}

/** What a lost callback's outbox row and BullMQ job look like, for the CI log. */
async function logLostCallbacks(
  env: Record<string, string>,
  redis: Redis,
  requestIds: string[],
  log: (line: string) => void,
) {
  const queue = `${env.COUNTERSIGN_QUEUE_PREFIX}:callbacks`;
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select id, request_id, status, attempts, last_error, available_at, enqueued_at, first_attempt_at
         from outbox where kind = 'callback.deliver' and request_id = any($1)`,
      [requestIds],
    );
    for (const row of rows) {
      const job = await redis.hgetall(`${queue}:${row.id}`);
      const lists: string[] = [];
      for (const list of ["wait", "active", "paused"])
        if ((await redis.lpos(`${queue}:${list}`, row.id)) !== null) lists.push(list);
      for (const set of ["delayed", "prioritized", "completed", "failed"])
        if ((await redis.zscore(`${queue}:${set}`, row.id)) !== null) lists.push(set);
      log(`lost: ${JSON.stringify(row)} job=${JSON.stringify({ ...job, data: undefined })} in=[${lists}]`);
    }
  } finally {
    await client.end();
  }
}

/** The API's open Postgres sessions, for the CI log when its shutdown waits on the pool. */
async function logDatabaseSessions(env: Record<string, string>, log: (line: string) => void) {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select pid, state, now() - xact_start as in_xact, left(query, 120) as query
         from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    log(`sessions: ${JSON.stringify(rows)}`);
  } finally {
    await client.end();
  }
}
