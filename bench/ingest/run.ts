// POST /v1/requests under load, against a bare Fastify route doing one INSERT and one BullMQ add
// on the same Postgres and Redis, measured in the same run:
//   npx tsx bench/ingest/run.ts [--seconds=12] [--rate=300]
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import autocannon, { type Result } from "autocannon";
import { createKey, startServeProcess, startTsProcess } from "../support/bench-processes";
import { benchPrefix, createBenchDatabase, fmt, REDIS_URL } from "../support/bench-services";
import { cpuPerRequest } from "../support/process-cpu";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const SECONDS = arg("seconds", 12);
const RATE = arg("rate", 300);
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
  type Figures = Awaited<ReturnType<typeof cpuPerRequest<ReturnType<typeof figures>>>>;
  const results: Record<string, { max: Figures; fixed: Figures }> = {};
  for (const [name, target] of Object.entries(targets)) {
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
    const measure = (options: { rate?: number; connections: number }) =>
      cpuPerRequest(target.pid, databaseName, async () => figures(await run(target.url, target.headers, options)));
    const max = await measure({ connections: 16 });
    const fixed = await measure({ connections: 32, rate: RATE });
    results[name] = { max, fixed };
    console.error(`${name}: done`);
  }
  const b = results.baseline!;
  const c = results.countersign!;
  console.log(`\nbench/ingest: POST /v1/requests (${requestBody().length}-byte bodies), ${SECONDS} s per run, 2 cores`);
  console.log(
    "| run | target | requests/s | p50 ms | p99 ms | errors | requests | CPU ms/request: server process | CPU ms/request: Postgres |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  const row = (run: string, name: string, r: Figures) =>
    `| ${run} | ${name} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.total} | ${fmt(r.cpuMs.process, 2)} | ${fmt(r.cpuMs.postgres, 2)} |`;
  for (const [name, r] of Object.entries(results)) {
    console.log(row("max throughput (16 connections)", name, r.max));
    console.log(row(`${RATE} requests/s offered (32 connections)`, name, r.fixed));
  }
  const ratio = c.max.rps / b.max.rps;
  console.log(
    `\nthroughput ratio countersign/baseline: ${fmt(ratio, 2)} (target >= 0.50: ${ratio >= 0.5 ? "met" : "MISSED"})`,
  );
  console.log(
    `p99 at ${RATE} requests/s: ${c.fixed.p99} ms (target <= 50 ms: ${c.fixed.p99 <= 50 ? "met" : "MISSED"})`,
  );
  const errors = c.max.errors + c.fixed.errors;
  console.log(`errors: ${errors} (target 0: ${errors === 0 ? "met" : "MISSED"})`);
} finally {
  await baseline.stop();
  await server.stop();
  await database.drop();
}
