// End to end through the real server process and a fake Slack Web API on loopback:
//   request -> card recorded by the fake Slack, and decision -> signed callback received.
//   npx tsx bench/e2e/run.ts [--requests=1000] [--rate=25] [--channels=40] [--warmup=100] [--slow=250]
// Requests are spread over channels so each stays below Slack's 1 message/s/channel. The first
// --warmup requests (sent the same way, at the same rate) are left out of the figures: they
// time JIT compilation, pool connections and the first BullMQ polls, not the steady state.
import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeSlack } from "../../test/support/fake-slack";
import { createKey, startServeProcess } from "../support/bench-processes";
import { benchPrefix, createBenchDatabase, REDIS_URL } from "../support/bench-services";
import { summarize } from "../support/percentiles";
import { cpuSeconds } from "../support/process-cpu";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const REQUESTS = arg("requests", 1000);
const RATE = arg("rate", 25);
const CHANNELS = arg("channels", 40);
const WARMUP = arg("warmup", 100);
// Where the slow ones were: requests over this many ms are counted per 5 s of the run.
const SLOW_MS = arg("slow", 250);

const policyPath = join(tmpdir(), `cs-bench-e2e-${randomBytes(3).toString("hex")}.yaml`);
const channelNames = Array.from({ length: CHANNELS }, (_, i) => `C0BENCH${String(i).padStart(3, "0")}`);
writeFileSync(
  policyPath,
  [
    "version: 1",
    "approvers:",
    "  dba: [alice@example.com]",
    "channels:",
    ...channelNames.map((c, i) => `  ch${i}: { slack: { channel: ${c} } }`),
    "rules:",
    ...channelNames.flatMap((_, i) => [
      `  - name: shard-${i}`,
      `    match: { resource: "postgres://shard-${i}/*" }`,
      "    require: { approvals: 1, from: [dba] }",
      `    notify: [ch${i}]`,
    ]),
  ].join("\n"),
);

const slack = await startFakeSlack();
const cardAt = new Map<string, number>();
let scanned = 0;
const scanCards = () => {
  for (; scanned < slack.calls.length; scanned++) {
    const call = slack.calls[scanned]!;
    if (call.method !== "chat.postMessage" || call.answer !== "ok") continue;
    const id = JSON.stringify(call.args).match(/req_[A-Za-z0-9_-]+/)?.[0];
    if (id && !cardAt.has(id)) cardAt.set(id, call.at);
  }
};
const callbackAt = new Map<string, number>();
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { data: { request_id: string } };
    if (!callbackAt.has(body.data.request_id)) callbackAt.set(body.data.request_id, Date.now());
    res.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const database = await createBenchDatabase();
const env = {
  DATABASE_URL: database.url,
  REDIS_URL,
  COUNTERSIGN_QUEUE_PREFIX: benchPrefix("e2e"),
  COUNTERSIGN_SECRET_KEY: randomBytes(32).toString("base64"),
  COUNTERSIGN_POLICY: policyPath,
  COUNTERSIGN_RATE_LIMIT_PER_MINUTE: "1000000",
  COUNTERSIGN_MAX_PENDING_PER_REQUESTER: "1000000",
  CALLBACK_ALLOW_PRIVATE: "true",
  SLACK_BOT_TOKEN: "xoxb-test-token",
  SLACK_SIGNING_SECRET: "bench-signing-secret-0123456789abcdef",
  SLACK_API_URL: slack.apiUrl,
  LOG_LEVEL: "warn",
  PORT: "0",
};
const requester = await createKey(env, ["requests:write"]);
const alice = await createKey(env, ["decisions:write"], "alice@example.com");
const server = await startServeProcess("api,worker,slack", { ...env, LOG_LEVEL: "info" });
const post = (key: string, path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

try {
  const createdAt = new Map<string, number>();
  const decidedAt = new Map<string, number>();
  const pending = new Set<string>();
  const errors: string[] = [];
  const started = Date.now();
  const cpuAtStart = cpuSeconds(server.child.pid ?? 0);
  const decideWhenCarded = setInterval(() => {
    scanCards();
    for (const id of pending) {
      if (!cardAt.has(id)) continue;
      pending.delete(id);
      decidedAt.set(id, Date.now());
      post(alice.key, `/v1/requests/${id}/decisions`, { verdict: "approve" }).then(
        (r) => r.status >= 300 && errors.push(`decision ${r.status}`),
        (e: Error) => errors.push(e.message),
      );
    }
  }, 5);
  const creating: Promise<unknown>[] = [];
  const warmupIds = new Set<string>();
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t0 = Date.now();
    creating.push(
      post(requester.key, "/v1/requests", {
        action: "db.export",
        resource: `postgres://shard-${i % CHANNELS}/customers`,
        environment: "production",
        requester: { type: "agent", id: "etl-agent" },
        reason: "bench e2e",
        params: { table: "customers", run: randomUUID() },
        callback: { url: callbackUrl },
      }).then(
        (r) => {
          if (r.status !== 201) return errors.push(`create ${r.status} ${JSON.stringify(r.body)}`);
          if (i < WARMUP) warmupIds.add(String(r.body.id));
          createdAt.set(String(r.body.id), t0);
          pending.add(String(r.body.id));
        },
        (e: Error) => errors.push(e.message),
      ),
    );
    const next = started + ((i + 1) * 1000) / RATE;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  await Promise.all(creating);
  const deadline = Date.now() + 60_000;
  while (callbackAt.size < createdAt.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  clearInterval(decideWhenCarded);
  const cpuPerRequest = ((cpuSeconds(server.child.pid ?? 0) - cpuAtStart) * 1000) / createdAt.size;

  const measured = (id: string) => !warmupIds.has(id);
  const card = summarize(
    [...createdAt].filter(([id]) => measured(id) && cardAt.has(id)).map(([id, t]) => cardAt.get(id)! - t),
  );
  const callback = summarize(
    [...decidedAt].filter(([id]) => measured(id) && callbackAt.has(id)).map(([id, t]) => callbackAt.get(id)! - t),
  );
  const throttled = slack.calls.filter((c) => c.answer === "429").length;
  console.log(
    `\nbench/e2e: ${REQUESTS} requests (after ${WARMUP} warm-up requests) at ${RATE}/s over ${CHANNELS} Slack channels (${(RATE / CHANNELS).toFixed(2)} msg/s/channel), one server process (api,worker,slack)`,
  );
  console.log("| path | n | p50 ms | p90 ms | p99 ms | max ms |");
  console.log("|---|---|---|---|---|---|");
  console.log(
    `| POST /v1/requests -> card posted (fake Slack) | ${card.count} | ${card.p50} | ${card.p90} | ${card.p99} | ${card.max} |`,
  );
  console.log(
    `| decision -> callback received | ${callback.count} | ${callback.p50} | ${callback.p90} | ${callback.p99} | ${callback.max} |`,
  );
  console.log(
    `cards missing: ${createdAt.size - cardAt.size}, callbacks missing: ${createdAt.size - callbackAt.size}, Slack 429s: ${throttled}, errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ""}`,
  );
  console.log(
    `server CPU per request, its whole life (ingest, card, decision, card update, callback), warm-up included: ${cpuPerRequest.toFixed(1)} ms`,
  );
  const slowWindows = (starts: Map<string, number>, ends: Map<string, number>) => {
    const windows = new Map<number, number>();
    for (const [id, t] of starts) {
      const end = ends.get(id);
      if (!measured(id) || end === undefined || end - t <= SLOW_MS) continue;
      const window = Math.floor((t - started) / 5000) * 5;
      windows.set(window, (windows.get(window) ?? 0) + 1);
    }
    return (
      [...windows]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}-${s + 5} s: ${n}`)
        .join(", ") || "none"
    );
  };
  console.log(`cards over ${SLOW_MS} ms, by when the request was sent: ${slowWindows(createdAt, cardAt)}`);
  console.log(`callbacks over ${SLOW_MS} ms, by when the decision was sent: ${slowWindows(decidedAt, callbackAt)}`);
  console.log(
    `targets: card p99 <= 250 ms ${card.p99 <= 250 ? "met" : "MISSED"}; callback p99 <= 250 ms ${callback.p99 <= 250 ? "met" : "MISSED"}`,
  );
} finally {
  await server.stop();
  await slack.close();
  receiver.close();
  await database.drop();
}
