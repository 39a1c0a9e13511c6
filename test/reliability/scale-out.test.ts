import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReceivedCallback, startCallbackReceiver, webhookHeaders } from "../support/callback-receiver";
import { createKeysDirectly } from "../support/create-keys-directly";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack";
import { type PrivateRedis, startPrivateRedis } from "../support/private-services";
import { type ServeProcess, serveProcessEnv, startServeProcess } from "../support/serve-process";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// CONTRACT.md section 1: every role is stateless, any number of processes of any role may run at
// once. Two API processes and two workers (which post the Slack cards and deliver the callbacks)
// share one database and one Redis; every request, decision and redeem is spread over both APIs,
// and some are sent to both at the same moment.

const REQUESTS = 60;
/** Slack takes about one post per second per channel (slack-rate-limits.ts): spread the cards out. */
const CHANNELS = 30;
/** Start-up compiles the CLI with tsx: slow on a loaded 2-core machine, so the wait is generous. */
const START_TIMEOUT_MS = 90_000;
const PARALLEL = 10;

const channelId = (c: number) => `C0SCALE${String(c).padStart(3, "0")}`;

/** One rule per channel, keyed by resource, so each request's card has a known home. */
function writePolicy(dir: string): string {
  const lines = ["version: 1", "approvers:", "  dba: [alice@example.com, bob@example.com]", "channels:"];
  for (let c = 0; c < CHANNELS; c++) lines.push(`  ch-${c}: { slack: { channel: ${channelId(c)} } }`);
  lines.push("rules:");
  for (let c = 0; c < CHANNELS; c++) {
    lines.push(
      `  - name: route-${c}`,
      `    match: { resource: "scale://${c}" }`,
      "    require: { approvals: 1, from: [dba] }",
      `    notify: [ch-${c}]`,
    );
  }
  const path = join(dir, "scale-out.policy.yaml");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function inParallel<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

type Reply = { status: number; body: Record<string, any> };

async function call(base: string, key: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> } satisfies Reply;
}

let dir: string;
let database: TestDatabase;
let redis: PrivateRedis;
let slack: FakeSlack;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
let requester: { key: string; signing_secret: string };
let alice: { key: string };
let bob: { key: string };
let executor: { key: string };
let apis: ServeProcess[] = [];
let workers: ServeProcess[] = [];
const processes: ServeProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cs-scale-"));
  // A Redis of its own, so the four processes' polling and locks are this test's alone.
  [database, redis, slack, receiver] = await Promise.all([
    createTestDatabase(),
    startPrivateRedis(),
    startFakeSlack(),
    startCallbackReceiver(),
  ]);
  const env = serveProcessEnv({
    databaseUrl: database.url,
    redisUrl: redis.url,
    prefix: "scale",
    policy: writePolicy(dir),
    logLevel: "info",
    extra: {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: randomBytes(16).toString("hex"),
      SLACK_API_URL: slack.apiUrl,
    },
  });
  ({ requester, alice, bob, executor } = await createKeysDirectly(env, {
    requester: { name: "requester", scopes: ["requests:write"] },
    alice: { name: "alice", scopes: ["decisions:write"], approver: "alice@example.com" },
    bob: { name: "bob", scopes: ["decisions:write"], approver: "bob@example.com" },
    executor: { name: "executor", scopes: ["tokens:redeem"] },
  }));
  // Cards are posted by the worker role (its Slack notifier); the slack role only takes Slack's
  // inbound HTTP, which this test does not use: decisions go through the API.
  const starting = ["api", "api", "worker", "worker"].map((roles) => startServeProcess(roles, env, START_TIMEOUT_MS));
  for (const p of starting) p.then((started) => processes.push(started)).catch(() => {});
  const started = await Promise.all(starting);
  apis = started.slice(0, 2);
  workers = started.slice(2);
}, 2 * START_TIMEOUT_MS);

afterAll(async () => {
  for (const p of processes) await p.stop("SIGKILL");
  await receiver?.close();
  await slack?.close();
  await redis?.close();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function count(query: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query(query);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** The request id a posted card is for: its buttons carry it (CONTRACT.md section 7). */
function cardRequestId(args: Record<string, any>): string | undefined {
  const blocks = (args.blocks ?? []) as { type: string; elements?: { value?: string }[] }[];
  for (const block of blocks) {
    for (const element of block.elements ?? []) if (element.value?.startsWith("req_")) return element.value;
  }
  return undefined;
}

describe("scale-out: two API processes and two workers on one database and one Redis", () => {
  it("the whole loop works, with no duplicate card, callback or token", async () => {
    const startedAt = Date.now();
    const [a, b] = apis.map((p) => p.url ?? "") as [string, string];
    const both = [a, b];

    // 1. Requests, alternating between the APIs; every fifth one sent to both at once with one
    // Idempotency-Key: one request comes of it (a 201, and a replay or a 409 while the first runs).
    const ids = await inParallel(
      Array.from({ length: REQUESTS }, (_, i) => i),
      PARALLEL,
      async (i) => {
        const body = {
          action: "db.export",
          resource: `scale://${i % CHANNELS}`,
          environment: "staging",
          requester: { type: "agent", id: "etl-agent" },
          reason: "scale-out run",
          params: { table: "customers", run: randomUUID() },
          callback: { url: receiver.url },
        };
        const key = { "idempotency-key": `scale-${i}-${randomUUID()}` };
        if (i % 5 === 0) {
          const replies = await Promise.all(both.map((base) => call(base, requester.key, "/v1/requests", body, key)));
          const statuses = replies.map((r) => r.status).sort();
          expect(
            [
              [200, 201],
              [201, 409],
            ],
            JSON.stringify(replies),
          ).toContainEqual(statuses);
          const made = replies.find((r) => r.status === 201)!;
          for (const r of replies) if (r.status === 200) expect(r.body.id).toBe(made.body.id);
          return String(made.body.id);
        }
        const made = await call(both[i % 2]!, requester.key, "/v1/requests", body, key);
        expect(made.status, JSON.stringify(made.body)).toBe(201);
        expect(made.body.decision_mode).toBe("approval_required");
        return String(made.body.id);
      },
    );
    expect(new Set(ids).size).toBe(REQUESTS);

    // 2. Every request's card reaches its channel.
    const posted = () => slack.callsTo("chat.postMessage");
    await slack.waitFor(() => posted().length >= REQUESTS, 30_000);
    const cardsAt = Date.now();

    // 3. Decisions, alternating between the APIs. Every fourth: the same approver on both at once;
    // every fourth plus one: alice on one and bob on the other. Exactly one wins each race.
    await inParallel(ids, PARALLEL, async (id, i) => {
      const path = `/v1/requests/${id}/decisions`;
      const approve = { verdict: "approve" };
      let replies: Reply[];
      if (i % 4 === 0) replies = await Promise.all(both.map((base) => call(base, alice.key, path, approve)));
      else if (i % 4 === 1)
        replies = await Promise.all([call(a, alice.key, path, approve), call(b, bob.key, path, approve)]);
      else replies = [await call(both[i % 2]!, i % 3 === 0 ? bob.key : alice.key, path, approve)];
      const won = replies.filter((r) => r.status === 200);
      expect(won, JSON.stringify(replies)).toHaveLength(1);
      expect(won[0]!.body.status).toBe("approved");
      for (const lost of replies.filter((r) => r.status !== 200)) {
        expect(lost.status).toBe(409);
        expect(lost.body.code).toBe("already_decided");
      }
    });

    // 4. One callback per request, signed, each with its own token.
    await receiver.waitFor(REQUESTS, 30_000);
    const callbacksAt = Date.now();
    // A duplicate (a job run twice by two workers) would land within a moment of the rest.
    await new Promise((r) => setTimeout(r, 1500));
    const callbacks: ReceivedCallback[] = receiver.received.slice();
    expect(callbacks).toHaveLength(REQUESTS);
    expect(receiver.attempts()).toBe(REQUESTS);
    const webhook = new Webhook(requester.signing_secret);
    const tokenOf = new Map<string, string>();
    for (const callback of callbacks) {
      const verified = webhook.verify(callback.body, webhookHeaders(callback)) as {
        type: string;
        data: { request_id: string; token?: string };
      };
      expect(verified.type).toBe("request.approved");
      expect(verified.data.token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
      tokenOf.set(verified.data.request_id, verified.data.token!);
    }
    expect([...tokenOf.keys()].sort()).toEqual([...ids].sort());
    expect(new Set(callbacks.map((c) => String(c.headers["webhook-id"]))).size).toBe(REQUESTS);
    expect(new Set(tokenOf.values()).size).toBe(REQUESTS);

    // 5. Each token spent exactly once, though both APIs are asked at the same moment.
    await inParallel(ids, PARALLEL, async (id) => {
      const token = tokenOf.get(id)!;
      const replies = await Promise.all(both.map((base) => call(base, executor.key, "/v1/tokens/redeem", { token })));
      const spent = replies.filter((r) => r.status === 200);
      expect(spent, JSON.stringify(replies)).toHaveLength(1);
      expect(spent[0]!.body.request_id).toBe(id);
      const refused = replies.find((r) => r.status !== 200)!;
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe("token_used");
    });

    // 6. One card per request, in the channel its rule names; updates are fine, posts are not.
    const posts = posted();
    expect(slack.calls.filter((c) => c.method === "chat.postMessage" && c.answer !== "ok")).toEqual([]);
    expect(posts).toHaveLength(REQUESTS);
    const postsPerRequest = new Map<string, string[]>();
    for (const post of posts) {
      const id = cardRequestId(post.args);
      expect(id, post.args.text).toBeDefined();
      postsPerRequest.set(id!, [...(postsPerRequest.get(id!) ?? []), String(post.args.channel)]);
    }
    expect([...postsPerRequest.keys()].sort()).toEqual([...ids].sort());
    ids.forEach((id, i) => {
      expect(postsPerRequest.get(id)).toEqual([channelId(i % CHANNELS)]);
    });

    // 7. Behind the API: one card record, one token, one delivered callback row per request.
    expect(await count("select count(*) as n from card_posts")).toBe(REQUESTS);
    expect(await count("select count(*) as n from tokens where redeemed_at is not null")).toBe(REQUESTS);
    expect(await count("select count(*) as n from tokens")).toBe(REQUESTS);
    expect(
      await count(
        "select count(*) as n from outbox where kind = 'callback.deliver' and status = 'done' and attempts = 1",
      ),
    ).toBe(REQUESTS);
    expect(await count("select count(*) as n from outbox where kind = 'callback.deliver'")).toBe(REQUESTS);

    // 8. Every process stops cleanly on SIGTERM.
    const codes = await Promise.all([...apis, ...workers].map((p) => p.stop("SIGTERM")));
    expect(codes).toEqual([0, 0, 0, 0]);
    for (const p of [...apis, ...workers]) expect(p.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);

    console.log(
      JSON.stringify({
        test: "scale-out",
        requests: REQUESTS,
        cardsMs: cardsAt - startedAt,
        callbacksMs: callbacksAt - startedAt,
        totalMs: Date.now() - startedAt,
        updates: slack.callsTo("chat.update").length,
      }),
    );
  }, 90_000);
});
