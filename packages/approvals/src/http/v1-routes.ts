import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { cancelRequest } from "../actions/cancel-request";
import { createRequest } from "../actions/create-request";
import { CreateRequestInput } from "../actions/create-request-input";
import { DecideInput, decide } from "../actions/decide";
import { getRequest } from "../actions/get-request";
import { ListAuditInput, listAudit } from "../actions/list-audit";
import { ListRequestsInput, listRequests } from "../actions/list-requests";
import { RedeemTokenInput, redeemToken } from "../actions/redeem-token";
import type { Engine } from "../engine";
import { AppError } from "../errors";
import { type ApiKeyCache, authenticate, createApiKeyCache, requireScope } from "./authenticate";
import { sendProblem, toProblem } from "./problem";
import { type RateLimitOptions, registerRateLimit } from "./rate-limit";

const RequestIdParams = z.object({ id: z.string().regex(/^req_[A-Za-z0-9_-]{1,64}$/, "not a request id") });
const GetRequestQuery = z.object({ wait: z.coerce.number().int().min(0).max(60).optional() }).strict();
const IdempotencyKey = z.string().min(1).max(255);
const CancelInput = z.object({ reason: z.string().max(2000).optional() }).strict();

/** CONTRACT.md section 2: every /v1 endpoint. Handlers translate; engine actions decide. */
export async function v1Routes(
  app: FastifyInstance,
  opts: { engine: Engine; rateLimit?: RateLimitOptions },
): Promise<void> {
  const { engine } = opts;
  if (opts.rateLimit) await registerRateLimit(app, opts.rateLimit);

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((_request, reply) =>
    sendProblem(reply, toProblem(new AppError("not_found", "no such endpoint"))),
  );

  // A long-poll may wait 60 s; on shutdown each one in flight answers at once with the current
  // state (the client polls again, on another process), so SIGTERM does not wait out the timers.
  const longPolls = new Set<AbortController>();
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
    for (const poll of longPolls) poll.abort();
  });

  const actorOf = async (request: FastifyRequest, cache?: ApiKeyCache) => {
    const actor = await authenticate(engine.db, request, cache);
    request.actor = actor;
    return actor;
  };
  // Only for ingest, the hot path, whose write checks again that the key is not revoked.
  const ingestKeys = createApiKeyCache();

  app.post("/requests", async (request, reply) => {
    const actor = await actorOf(request, ingestKeys);
    requireScope(actor, "requests:write");
    const rawKey = request.headers["idempotency-key"];
    const idempotencyKey = rawKey === undefined ? undefined : parseHeader(IdempotencyKey, rawKey, "Idempotency-Key");
    const input = CreateRequestInput.parse(request.body ?? {});
    const result = await createRequest(engine.ctx(actor), input, { idempotencyKey });
    return reply.code(result.replayed || result.merged ? 200 : 201).send(result.body);
  });

  app.get("/requests", async (request) => {
    const actor = await actorOf(request);
    requireScope(actor, "requests:read", "requests:write");
    return listRequests(engine.ctx(actor), ListRequestsInput.parse(request.query));
  });

  app.get("/requests/:id", async (request) => {
    const actor = await actorOf(request);
    requireScope(actor, "requests:read", "requests:write", "decisions:write");
    const { id } = RequestIdParams.parse(request.params);
    const { wait } = GetRequestQuery.parse(request.query);
    const aborted = new AbortController();
    request.raw.once("close", () => aborted.abort());
    longPolls.add(aborted);
    if (closing) aborted.abort();
    try {
      return await getRequest(engine.ctx(actor), id, { waitSeconds: wait, signal: aborted.signal });
    } finally {
      longPolls.delete(aborted);
    }
  });

  app.post("/requests/:id/decisions", async (request) => {
    const actor = await actorOf(request);
    requireScope(actor, "decisions:write");
    const { id } = RequestIdParams.parse(request.params);
    return decide(engine.ctx(actor), id, DecideInput.parse(request.body ?? {}));
  });

  app.post("/requests/:id/cancel", async (request) => {
    const actor = await actorOf(request);
    requireScope(actor, "requests:write");
    const { id } = RequestIdParams.parse(request.params);
    const { reason } = CancelInput.parse(request.body ?? {});
    return cancelRequest(engine.ctx(actor), id, reason);
  });

  app.post("/tokens/redeem", async (request) => {
    const actor = await actorOf(request);
    requireScope(actor, "tokens:redeem");
    return redeemToken(engine.ctx(actor), RedeemTokenInput.parse(request.body ?? {}));
  });

  app.get("/audit", async (request) => {
    const actor = await actorOf(request);
    requireScope(actor, "audit:read");
    return listAudit(engine.ctx(actor), ListAuditInput.parse(request.query));
  });
}

function parseHeader<T>(schema: z.ZodType<T>, value: string | string[], name: string): T {
  const result = schema.safeParse(Array.isArray(value) ? value[0] : value);
  if (!result.success) {
    throw new AppError("validation_failed", `${name} header is not valid`, {
      errors: [{ path: `header:${name}`, message: "must be 1 to 255 characters" }],
    });
  }
  return result.data;
}
