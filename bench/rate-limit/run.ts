// The shared per-key rate limit, one Redis script per request (@fastify/rate-limit's RedisStore)
// against leases (packages/approvals/src/http/leased-rate-limit-store.ts), on a bare route:
//   npx tsx bench/rate-limit/run.ts [--rounds=3] [--seconds=8]
// Alternates the two for several rounds and reports requests/s and CPU per request of the server
// process and of redis-server (both on the same 2 cores as everything else).
import { execFileSync } from "node:child_process";
import autocannon from "autocannon";
import { startTsProcess } from "../support/bench-processes";
import { benchPrefix, fmt, REDIS_URL } from "../support/bench-services";
import { cpuSeconds } from "../support/process-cpu";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const ROUNDS = arg("rounds", 3);
const SECONDS = arg("seconds", 8);
const redisPid = execFileSync("pidof", ["redis-server"]).toString().trim().split(/\s+/)[0] ?? "0";

const prefix = benchPrefix("rate-limit");
const stores = ["redis", "leased"] as const;
const servers = Object.fromEntries(
  await Promise.all(
    stores.map(async (store) => [
      store,
      await startTsProcess(
        new URL("./server.ts", import.meta.url).href,
        { REDIS_URL, PREFIX: prefix, STORE: store },
        "rate-limit server started",
      ),
    ]),
  ),
) as Record<(typeof stores)[number], Awaited<ReturnType<typeof startTsProcess>>>;

const load = (url: string, seconds: number) =>
  autocannon({ url, connections: 16, duration: seconds, headers: { authorization: "Bearer bench-key" } });

try {
  for (const store of stores) await load(servers[store].url, 2);
  console.log(`\nbench/rate-limit: GET / behind a shared per-key limit, 16 connections, ${SECONDS} s per run`);
  console.log("| round | store | requests/s | p99 ms | CPU ms/request: server | CPU ms/request: redis-server |");
  console.log("|---|---|---|---|---|---|");
  for (let round = 1; round <= ROUNDS; round++) {
    for (const store of stores) {
      const pid = servers[store].child.pid ?? 0;
      const [server0, redis0] = [cpuSeconds(pid), cpuSeconds(redisPid)];
      const result = await load(servers[store].url, SECONDS);
      const n = result.requests.total;
      const perRequest = (before: number, p: number | string) => fmt(((cpuSeconds(p) - before) * 1000) / n, 3);
      console.log(
        `| ${round} | ${store} | ${fmt(result.requests.average)} | ${result.latency.p99} | ${perRequest(server0, pid)} | ${perRequest(redis0, redisPid)} |`,
      );
    }
  }
} finally {
  await Promise.all(stores.map((store) => servers[store].stop()));
}
