// POST /v1/requests under load, against a bare Fastify route doing one INSERT and one BullMQ add
// on the same Postgres and Redis, measured in the same run:
//   npx tsx bench/ingest/run.ts [--seconds=12] [--rate=300] [--rounds=5]
// The machine's speed drifts over minutes, so max-throughput runs alternate baseline and
// countersign for several rounds and the ratio is taken per round (the median is the figure).
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import autocannon, { type Result } from "autocannon";
import { createKey, startServeProcess, startTsProcess } from "../support/bench-processes";
import { benchPrefix, createBenchDatabase, fmt, REDIS_URL } from "../support/bench-services";
import { waitForOutboxDrain } from "../support/outbox-drain";
import { pacedLoad } from "../support/paced-load";
import { cpuPerRequest } from "../support/process-cpu";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const SECONDS = arg("seconds", 12);
const RATE = arg("rate", 300);
const ROUNDS = arg("rounds", 5);
const POLICY = fileURLToPath(new URL("../../test/reliability/policy.yaml", import.meta.url));

/** A realistic request of about 1 KiB; params differ every time (identical pending requests merge). */
function requestBody(): string {
  const body = {
    action: "db.export",
    resource: "postgres://prod/customers",
    environment: "staging",
    requester: { type: "agent", id: `etl-agent-${randomBytes(2).toString("hex")}`, display_name: "ETL agent" },
    reason: "nightly export of yesterday's new customers for the analytics warehouse (ticket OPS-1234)",
    params: {
      table: "customers",
      columns: ["id", "created_at", "country", "plan", "email"],
      where: "created_at >= now() - interval '1 day'",
      destination: `s3://exports/customers-${randomUUID()}.csv`,
      run: randomUUID(),
    },
    context: {
      ticket: "OPS-1234",
      pipeline: "https://ci.example.com/pipelines/analytics/runs/48213",
      sample_row: { id: 48213, email: "jo@example.com", country: "DE", plan: "team", note: "x".repeat(300) },
    },
    ttl_seconds: 900,
  };
  return JSON.stringify(body);
}

function run(url: string, headers: Record<string, string>, options: { rate?: number; connections: number }) {
  return autocannon({
    url,
    method: "POST",
    connections: options.connections,
    duration: SECONDS,
    overallRate: options.rate,
    timeout: 10,
    headers: { "content-type": "application/json", ...headers },
    requests: [{ setupRequest: (request) => ({ ...request, body: requestBody() }) }],
  });
}

const figures = (r: Result) => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts + r.non2xx,
  total: r.requests.total,
});

const database = await createBenchDatabase();
const prefix = benchPrefix("ingest");
const env = {
  DATABASE_URL: database.url,
  REDIS_URL,
  COUNTERSIGN_QUEUE_PREFIX: prefix,
  COUNTERSIGN_SECRET_KEY: randomBytes(32).toString("base64"),
  COUNTERSIGN_POLICY: POLICY,
  COUNTERSIGN_RATE_LIMIT_PER_MINUTE: "1000000",
  COUNTERSIGN_MAX_PENDING_PER_REQUESTER: "1000000",
  LOG_LEVEL: "warn",
  PORT: "0",
};
const requester = await createKey(env, ["requests:write"]);
const server = await startServeProcess("api,worker", { ...env, LOG_LEVEL: "info" });
const baseline = await startTsProcess(
  new URL("./baseline-server.ts", import.meta.url).href,
  { DATABASE_URL: database.url, REDIS_URL, PREFIX: `${prefix}-baseline` },
  "baseline started",
);
try {
  const targets = {
    baseline: { url: `${baseline.url}/baseline`, headers: {}, pid: baseline.child.pid ?? 0 },
    countersign: {
      url: `${server.url}/v1/requests`,
      headers: { authorization: `Bearer ${requester.key}` },
      pid: server.child.pid ?? 0,
    },
  };
  const databaseName = new URL(database.url).pathname.slice(1);
  type Load = ReturnType<typeof figures>;
  type Figures = Awaited<ReturnType<typeof cpuPerRequest<Load & { drainMs: number }>>>;
  // Every run starts with countersign's workers idle, and its CPU figures include the jobs its
  // requests left behind (the drain after it): the baseline leaves none, as no worker reads its queue.
  const measured = async (target: (typeof targets)[keyof typeof targets], load: () => Promise<Load>) => {
    await waitForOutboxDrain(database.url);
    return cpuPerRequest(target.pid, databaseName, async () => {
      const result = await load();
      return { ...result, drainMs: await waitForOutboxDrain(database.url) };
    });
  };
  const measure = (target: (typeof targets)[keyof typeof targets], options: { rate?: number; connections: number }) =>
    measured(target, async () => figures(await run(target.url, target.headers, options)));
  for (const target of Object.values(targets)) {
    await autocannon({
      ...target,
      method: "POST",
      connections: 8,
      duration: 3,
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            body: requestBody(),
            headers: { "content-type": "application/json", ...target.headers },
          }),
        },
      ],
    });
  }
  const rounds: { baseline: Figures; countersign: Figures }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const baselineMax = await measure(targets.baseline, { connections: 16 });
    const countersignMax = await measure(targets.countersign, { connections: 16 });
    rounds.push({ baseline: baselineMax, countersign: countersignMax });
    console.error(`round ${round}: ratio ${fmt(countersignMax.rps / baselineMax.rps, 2)}`);
  }
  const fixed = {
    baseline: await measure(targets.baseline, { connections: 32, rate: RATE }),
    countersign: await measure(targets.countersign, { connections: 32, rate: RATE }),
  };
  const paceOne = (target: (typeof targets)[keyof typeof targets]) =>
    measured(target, () =>
      pacedLoad({ url: target.url, headers: target.headers, body: requestBody, rate: RATE, seconds: SECONDS }),
    );
  const paced = { baseline: await paceOne(targets.baseline), countersign: await paceOne(targets.countersign) };
  const c = { fixed: fixed.countersign, paced: paced.countersign };
  console.log(`\nbench/ingest: POST /v1/requests (${requestBody().length}-byte bodies), ${SECONDS} s per run, 2 cores`);
  console.log(
    "| run | target | requests/s | p50 ms | p99 ms | errors | requests | CPU ms/request: server process | CPU ms/request: Postgres | jobs drained after, ms |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  const row = (run: string, name: string, r: Figures) =>
    `| ${run} | ${name} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.total} | ${fmt(r.cpuMs.process, 2)} | ${fmt(r.cpuMs.postgres, 2)} | ${r.drainMs} |`;
  rounds.forEach((r, i) => {
    console.log(row(`max throughput (16 connections), round ${i + 1}`, "baseline", r.baseline));
    console.log(row(`max throughput (16 connections), round ${i + 1}`, "countersign", r.countersign));
  });
  for (const [name, r] of Object.entries(fixed))
    console.log(row(`${RATE} requests/s offered in per-second bursts (autocannon, 32 connections)`, name, r));
  for (const [name, r] of Object.entries(paced))
    console.log(row(`${RATE} requests/s evenly paced (open loop)`, name, r));
  const ratios = rounds.map((r) => r.countersign.rps / r.baseline.rps).sort((x, y) => x - y);
  const ratio = ratios[Math.floor(ratios.length / 2)] ?? 0;
  console.log(
    `\nthroughput ratio countersign/baseline, per round: ${ratios.map((r) => fmt(r, 2)).join(", ")}; median ${fmt(ratio, 2)} (target >= 0.50: ${ratio >= 0.5 ? "met" : "MISSED"})`,
  );
  console.log(
    `p99 at ${RATE} requests/s evenly paced: ${c.paced.p99} ms (target <= 50 ms: ${c.paced.p99 <= 50 ? "met" : "MISSED"}); in per-second bursts of ${RATE}: ${c.fixed.p99} ms`,
  );
  const errors = rounds.reduce((n, r) => n + r.countersign.errors, 0) + c.fixed.errors + c.paced.errors;
  console.log(`errors: ${errors} (target 0: ${errors === 0 ? "met" : "MISSED"})`);
} finally {
  await baseline.stop();
  await server.stop();
  await database.drop();
}
