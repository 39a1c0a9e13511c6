import { createHash } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Redis } from "ioredis";
import { AppError } from "../errors";
import { leasedRateLimitStore } from "./leased-rate-limit-store";

export interface RateLimitOptions {
  /** Requests per minute per API key (per client address for requests without one). */
  perMinute: number;
  redis: Redis;
  prefix: string;
}

// Counted in Redis so every API process shares one budget per key (taken a lease at a time:
// leased-rate-limit-store.ts); the key is hashed, never stored.
function clientOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  return header ? `key:${createHash("sha256").update(header).digest("hex").slice(0, 32)}` : `ip:${request.ip}`;
}

export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    max: options.perMinute,
    timeWindow: 60_000,
    store: leasedRateLimitStore(options.redis, `${options.prefix}:rate-limit:`),
    keyGenerator: clientOf,
    // Redis trouble must not take the API down with it: count nothing rather than refuse everything.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        "rate_limited",
        `more than ${context.max} requests a minute with this key; retry in ${context.after}`,
        {
          extra: { retry_after: Math.max(1, Math.ceil(context.ttl / 1000)) },
        },
      ),
  });
}
