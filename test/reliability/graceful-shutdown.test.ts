import { randomUUID } from "node:crypto";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { type AddressInfo, connect } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeysDirectly } from "../support/create-keys-directly";
import { RELIABILITY_POLICY } from "../support/fault-scenario";
import { type PrivateRedis, startPrivateRedis } from "../support/private-services";
import { type ServeProcess, serveProcessEnv, startServeProcess } from "../support/serve-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// SIGTERM drains (ARCHITECTURE.md, rule 7): requests in flight get whole answers, jobs in hand
// finish, jobs not yet taken stay queued for the next worker, and the process exits 0.
// One API process and one worker start together; the worker test runs first because it needs the API.

/** Start-up compiles the CLI with tsx: slow on a loaded 2-core machine, so the wait is generous. */
const START_TIMEOUT_MS = 90_000;
const RECEIVER_DELAY_MS = 2_000;
/** BullMQ concurrency of each queue in one worker process (start-workers.ts). */
const WORKER_CONCURRENCY = 8;

interface Delivery {
  requestId: string;
  webhookId: string;
  token: unknown;
  arrivedAt: number;
  answeredAt: number | null;
  /** The worker closed the connection before the receiver answered. */
  aborted: boolean;
}

/**
 * A requester's endpoint that holds every delivery until `open()` is called, then answers each
 * RECEIVER_DELAY_MS later: until then the worker holds the job and cannot take more than its concurrency.
 */
async function startSlowReceiver() {
  const deliveries: Delivery[] = [];
  let opened: number | null = null;
  const openWaiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { data: Record<string, unknown> };
      const delivery: Delivery = {
        requestId: String(body.data.request_id),
        webhookId: String(req.headers["webhook-id"]),
        token: body.data.token,
        arrivedAt: Date.now(),
        answeredAt: null,
        aborted: false,
      };
      deliveries.push(delivery);
      res.on("close", () => {
        if (!res.writableFinished) delivery.aborted = true;
      });
      if (opened === null) await new Promise<void>((resolve) => openWaiters.push(resolve));
      setTimeout(() => {
        if (delivery.aborted) return;
        delivery.answeredAt = Date.now();
        res.writeHead(200).end();
      }, RECEIVER_DELAY_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    inFlight: () => deliveries.filter((d) => d.answeredAt === null && !d.aborted).length,
    open() {
      opened = Date.now();
      for (const w of openWaiters.splice(0)) w();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The whole body arrived (Content-Length honoured, no reset). */
  complete: boolean;
}

/**
 * One HTTP request on a connection of its own (no keep-alive pool), so "in flight" and "new
 * connection" mean exactly that. The body is sent in two halves: the second when `finish()` is called.
 */
function rawRequest(url: string, method: string, path: string, key: string, body?: string) {
  const target = new URL(url);
  const req = httpRequest({
    host: target.hostname,
    port: target.port,
    method,
    path,
    agent: false,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined
        ? {}
        : { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }),
    },
  });
  const response = new Promise<RawResponse>((resolve, reject) => {
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          complete: res.complete,
        }),
      );
    });
  });
  // Awaited by the test; a test that fails first must not leave an unhandled rejection behind.
  response.catch(() => {});
  const half = body === undefined ? 0 : Math.floor(body.length / 2);
  if (body === undefined) req.end();
  else {
    req.flushHeaders();
    req.write(body.slice(0, half));
  }
  return { response, finish: () => req.end(body?.slice(half)) };
}

/** Whether a fresh TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function requestBody(callbackUrl?: string): string {
  return JSON.stringify({
    action: "db.export",
    resource: "postgres://staging/customers",
    environment: "staging",
    requester: { type: "agent", id: "etl-agent" },
    reason: "graceful shutdown test",
    params: { table: "customers", run: randomUUID() },
    ...(callbackUrl ? { callback: { url: callbackUrl } } : {}),
  });
}

let database: TestDatabase;
let redis: PrivateRedis;
let receiver: Awaited<ReturnType<typeof startSlowReceiver>>;
let env: Record<string, string>;
let requester: { key: string };
let alice: { key: string };
let api: ServeProcess;
let worker: ServeProcess;
const processes: ServeProcess[] = [];

async function post(base: string, path: string, key: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

beforeAll(async () => {
  [database, redis, receiver] = await Promise.all([createTestDatabase(), startPrivateRedis(), startSlowReceiver()]);
  env = serveProcessEnv({
    databaseUrl: database.url,
    redisUrl: redis.url,
    prefix: "shutdown",
    policy: RELIABILITY_POLICY,
    // "incoming request" (debug) tells the test which requests the API has in hand.
    logLevel: "debug",
  });
  ({ requester, alice } = await createKeysDirectly(env, {
    requester: { name: "requester", scopes: ["requests:write"] },
    alice: { name: "alice", scopes: ["decisions:write"], approver: "alice@example.com" },
  }));
  const starting = [
    startServeProcess("api", env, START_TIMEOUT_MS),
    startServeProcess("worker", env, START_TIMEOUT_MS),
  ];
  for (const p of starting) p.then((started) => processes.push(started)).catch(() => {});
  [api, worker] = (await Promise.all(starting)) as [ServeProcess, ServeProcess];
}, 2 * START_TIMEOUT_MS);

afterAll(async () => {
  for (const p of processes) await p.stop("SIGKILL");
  await receiver?.close();
  await redis?.close();
  await database?.drop();
});

async function outboxRows(kind: string): Promise<{ id: string; status: string; attempts: number }[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const result = await client.query("select id, status, attempts from outbox where kind = $1", [kind]);
    return result.rows;
  } finally {
    await client.end();
  }
}

describe("graceful shutdown on SIGTERM", () => {
  it("a worker finishes the callbacks in its hands and exits 0; what it had not taken goes to the next worker", async () => {
    const count = WORKER_CONCURRENCY + 4;
    const base = api.url ?? "";
    const ids = await Promise.all(
      Array.from({ length: count }, async () => {
        const created = await post(base, "/v1/requests", requester.key, requestBody(receiver.url));
        expect(created.status).toBe(201);
        return String(created.body.id);
      }),
    );
    await Promise.all(
      ids.map(async (id) => {
        const decided = await post(base, `/v1/requests/${id}/decisions`, alice.key, { verdict: "approve" });
        expect(decided.status, JSON.stringify(decided.body)).toBe(200);
        expect(decided.body.status).toBe("approved");
      }),
    );
    // The worker has taken as many callback jobs as it may; the receiver holds each of them.
    await until(
      "the worker to hold a full hand of callbacks",
      () => receiver.inFlight() === WORKER_CONCURRENCY,
      20_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.deliveries).toHaveLength(WORKER_CONCURRENCY);
    const inHand = receiver.deliveries.slice();

    const sigtermAt = Date.now();
    const firstExit = worker.stop("SIGTERM");
    // Give the signal a moment to land, then let the receiver answer (RECEIVER_DELAY_MS from now).
    await until(
      "the worker to start draining",
      () => worker.logs.some((l) => String(l.msg).startsWith("shutting down")),
      10_000,
    );
    receiver.open();

    expect(await firstExit).toBe(0);
    const drainMs = Date.now() - sigtermAt;
    const exitedAt = Date.now();
    // While draining it took nothing new: the jobs left in the queue waited there.
    expect(receiver.deliveries).toHaveLength(WORKER_CONCURRENCY);
    // The jobs in hand were answered while the worker waited for them, none was cut off.
    for (const d of inHand) {
      expect(d.aborted, d.requestId).toBe(false);
      expect(d.answeredAt, d.requestId).not.toBeNull();
      expect(d.answeredAt!).toBeLessThanOrEqual(exitedAt);
    }
    // Bounded: the receiver's delay plus closing the pools, not a lock timeout.
    expect(drainMs).toBeLessThan(RECEIVER_DELAY_MS + 8_000);

    // A process manager brings up a replacement.
    processes.push(await startServeProcess("worker", env, START_TIMEOUT_MS));
    await until(
      "every callback",
      () => receiver.deliveries.filter((d) => d.answeredAt !== null).length >= count,
      20_000,
    );
    // A late duplicate would land within a moment of the rest.
    await new Promise((r) => setTimeout(r, 1000));

    const afterExit = receiver.deliveries.filter((d) => d.arrivedAt > exitedAt);
    expect(afterExit.length, "jobs the first worker never took are delivered by the second").toBe(
      count - WORKER_CONCURRENCY,
    );
    expect(receiver.deliveries.every((d) => !d.aborted)).toBe(true);
    expect(receiver.deliveries.map((d) => d.requestId).sort()).toEqual([...ids].sort());
    expect(new Set(receiver.deliveries.map((d) => d.webhookId)).size).toBe(count);
    for (const d of receiver.deliveries) expect(d.token).toMatch(/^cst_/);
    const rows = await outboxRows("callback.deliver");
    expect(rows).toHaveLength(count);
    // One attempt each: no job was interrupted and tried again.
    for (const row of rows) expect(row, row.id).toMatchObject({ status: "done", attempts: 1 });
    console.log(JSON.stringify({ test: "worker-sigterm", drainMs, deliveredByReplacement: afterExit.length }));
  }, 30_000);

  it("an API process answers the long-poll and the POST in flight, refuses new connections, and exits 0", async () => {
    const base = api.url ?? "";
    const port = Number(new URL(base).port);
    const pending = await post(base, "/v1/requests", requester.key, requestBody());
    expect(pending.status).toBe(201);
    const id = String(pending.body.id);

    // The API logs each request as it arrives, at debug (the URL may come out masked, so match loosely).
    const incoming = (method: string, path: string) =>
      api.logs.filter((l) => {
        const req = l.req as { method?: string; url?: string } | undefined;
        return l.msg === "incoming request" && req?.method === method && req.url?.includes(path);
      }).length;
    const longPoll = rawRequest(base, "GET", `/v1/requests/${id}?wait=30`, requester.key);
    const postsBefore = incoming("POST", "/v1/requests");
    const body = requestBody();
    const slowPost = rawRequest(base, "POST", "/v1/requests", requester.key, body);
    // Both requests are in the server's hands (routed, handlers running or waiting for the body).
    await until("the long-poll to arrive", () => incoming("GET", "?wait=30") === 1, 10_000);
    await until("the POST to arrive", () => incoming("POST", "/v1/requests") > postsBefore, 10_000);

    const sigtermAt = Date.now();
    const exit = api.stop("SIGTERM");
    await until(
      "the API to start draining",
      () => api.logs.some((l) => String(l.msg).startsWith("shutting down")),
      10_000,
    );
    // New connections are refused while the POST is still in flight (its body not yet sent).
    await until("the listener to close", () => refused(port), 5_000);
    expect(api.child.exitCode).toBeNull();

    slowPost.finish();
    const [polled, posted] = await Promise.all([longPoll.response, slowPost.response]);
    const answeredMs = Date.now() - sigtermAt;
    expect(posted.complete).toBe(true);
    expect(posted.status, posted.body).toBe(201);
    const created = JSON.parse(posted.body) as Record<string, unknown>;
    expect(created).toMatchObject({ status: "pending", decision_mode: "approval_required" });
    expect(polled.complete).toBe(true);
    expect(polled.status, polled.body).toBe(200);
    expect(JSON.parse(polled.body)).toMatchObject({ id, status: "pending" });

    expect(await exit).toBe(0);
    const exitMs = Date.now() - sigtermAt;
    // The long-poll does not hold the shutdown for its whole wait.
    expect(exitMs).toBeLessThan(10_000);
    expect(await refused(port)).toBe(true);

    // The POST answered during the drain was committed, not just answered.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query("select status from requests where id = $1", [created.id]);
      expect(rows).toEqual([{ status: "pending" }]);
    } finally {
      await client.end();
    }
    expect(api.logs.filter((l) => l.msg === "unhandled error")).toEqual([]);
    console.log(JSON.stringify({ test: "api-sigterm", answeredMs, exitMs }));
  }, 30_000);
});
