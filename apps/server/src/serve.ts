import {
  type ChannelNotifier,
  type ChatApp,
  createEngine,
  createOutboxRelay,
  createQueues,
  deriveSecretKeys,
  startAuditChainer,
  startWorkers,
} from "@countersign/approvals";
import { createMasker } from "@countersign/masking";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { type Closer, closeInReverse } from "./close-in-reverse";
import type { Config } from "./config";
import { connectRedis } from "./connect-redis";
import { createChatApps } from "./create-chat-apps";
import { buildHttpServer } from "./http-server";
import { loadPolicyOrFail, resolvePolicyPath } from "./load-policy";
import { createLogger } from "./logger";
import { createMetrics } from "./metrics";
import { openStore } from "./open-store";
import { resolveSecretKey } from "./secret-key";

export const ROLES = ["api", "worker", "slack", "teams"] as const;
export type Role = (typeof ROLES)[number];

export interface ServeOptions {
  config: Config;
  roles?: Role[];
  log?: Logger;
  notifiers?: ChannelNotifier[];
  /** Faster timers for tests. */
  timing?: { relayIntervalMs?: number; reconcileEveryMs?: number; staleAfterMs?: number; sweepEveryMs?: number };
}

export interface RunningServer {
  url: string | null;
  http: FastifyInstance | null;
  log: Logger;
  close(): Promise<void>;
}

/** Starts the roles asked for; every piece of state is in Postgres and BullMQ, so any number may run. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { config } = options;
  const roles = new Set(options.roles ?? ROLES);
  const bootLog = options.log ?? createLogger(config.LOG_LEVEL);
  const keys = deriveSecretKeys(resolveSecretKey(config.COUNTERSIGN_SECRET_KEY, config.COUNTERSIGN_DATA_DIR, bootLog));
  const loaded = await loadPolicyOrFail(resolvePolicyPath(config.COUNTERSIGN_POLICY, bootLog));
  const masker = createMasker({ policy: loaded.policy.masking, fingerprintKey: keys.fingerprint });
  const log = options.log ?? createLogger(config.LOG_LEVEL, masker);

  const redis = await connectRedis(config.REDIS_URL);
  const closers: Closer[] = [["redis", async () => redis.quit().catch(() => redis.disconnect())]];
  const closeAll = () => closeInReverse(closers, log);
  try {
    const database = await openStore(config);
    closers.push(["database", () => database.close()]);
    const auditChainer = startAuditChainer({ db: database.db, log });
    closers.push(["audit chainer", () => auditChainer.close()]);
    const queues = createQueues(redis, config.COUNTERSIGN_QUEUE_PREFIX);
    closers.push(["queues", () => queues.close()]);
    const metrics = createMetrics(queues);
    const env = {
      policy: () => loaded,
      masker,
      keys,
      allowPrivateCallbacks: config.CALLBACK_ALLOW_PRIVATE,
      maxPendingPerRequester: config.COUNTERSIGN_MAX_PENDING_PER_REQUESTER,
      metrics: metrics.engine,
      onOutboxWrite: (firstDue?: Date) => relay.nudge(firstDue),
    };
    const engine = createEngine({ db: database.db, env, log });
    const timing = options.timing ?? {};
    const relay = createOutboxRelay({
      db: database.db,
      queues,
      log,
      intervalMs: timing.relayIntervalMs,
      reconcileEveryMs: timing.reconcileEveryMs,
      staleAfterMs: timing.staleAfterMs,
    });
    closers.push(["outbox relay", () => relay.close()]);

    // Chat apps keep rate-limit slots, leases and caches in Redis. Under the deployment's prefix,
    // two deployments (or test runs) sharing one Redis never share a Slack budget or a cache.
    const chatRedis = redis.duplicate({ keyPrefix: `${config.COUNTERSIGN_QUEUE_PREFIX}:` });
    closers.push(["chat redis", async () => chatRedis.quit().catch(() => chatRedis.disconnect())]);
    const chatApps = await createChatApps(config, { engine, redis: chatRedis, log, publicUrl: config.publicUrl });
    for (const chat of chatApps) closers.push([`${chat.role} app`, () => chat.app.close()]);

    if (roles.has("worker")) {
      const workers = startWorkers({
        engine,
        connection: redis,
        prefix: config.COUNTERSIGN_QUEUE_PREFIX,
        notifiers: [...chatApps.map((c) => c.app.notifier), ...(options.notifiers ?? [])],
        sweepEveryMs: timing.sweepEveryMs,
      });
      closers.push(["workers", () => workers.close()]);
    }

    // Chat platforms call in over HTTP too, so their roles need the listener even without the API.
    const inbound: ChatApp[] = chatApps.filter((c) => roles.has(c.role)).map((c) => c.app);
    let http: FastifyInstance | null = null;
    let url: string | null = null;
    if (roles.has("api") || inbound.length > 0) {
      http = await buildHttpServer({
        engine,
        redis,
        metrics: metrics.registry,
        api: roles.has("api"),
        rateLimit: { perMinute: config.COUNTERSIGN_RATE_LIMIT_PER_MINUTE, prefix: config.COUNTERSIGN_QUEUE_PREFIX },
      });
      for (const chat of inbound) await chat.registerRoutes(http);
      url = await http.listen({ port: config.PORT, host: config.HOST });
      const server = http;
      // Closed first on shutdown: stop taking requests and let those in flight finish.
      closers.push(["http listener", () => server.close()]);
    }
    for (const chat of inbound) await chat.start();
    log.info(
      { roles: [...roles], url, database: database.kind, policy: loaded.source, policy_version: loaded.version },
      "countersign started",
    );
    return { url, http, log, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
