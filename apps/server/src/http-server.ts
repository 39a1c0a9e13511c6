import { type Engine, v1Routes } from "@countersign/approvals";
import { sql } from "drizzle-orm";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
import type { Redis } from "ioredis";
import type { Registry } from "prom-client";

export interface HttpServerOptions {
  engine: Engine;
  redis: Redis;
  metrics: Registry;
  /** Mount the /v1 API (the `api` role); chat-only processes serve just their platform routes. */
  api: boolean;
  rateLimit: { perMinute: number; prefix: string };
}

const BODY_LIMIT = 256 * 1024;

/**
 * One access line per request instead of Fastify's two: under load every line is a masked write to
 * stdout, and the three lines of an ingest were an eighth of the API's CPU. The arrival line stays,
 * at debug; error lines are Fastify's own.
 */
class OneLineAccessLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) super.requestCompleted(error, request, reply);
    else request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
  }
}

/** Fastify with /v1 (the engine's routes), health checks and metrics. */
export async function buildHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.engine.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    return503OnClosing: true,
    requestIdHeader: false,
    logController: new OneLineAccessLog(),
  });
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const checks = await Promise.all([
      options.engine.db.execute(sql`select 1`).then(
        () => "ok",
        (e: Error) => e.message,
      ),
      options.redis.ping().then(
        () => "ok",
        (e: Error) => e.message,
      ),
    ]);
    const [postgres, redis] = checks;
    const ready = checks.every((c) => c === "ok");
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", postgres, redis });
  });
  app.get("/metrics", async (_request, reply) => {
    return reply.type(options.metrics.contentType).send(await options.metrics.metrics());
  });
  if (options.api) {
    await app.register(v1Routes, {
      prefix: "/v1",
      engine: options.engine,
      rateLimit: { ...options.rateLimit, redis: options.redis },
    });
  }
  return app;
}
