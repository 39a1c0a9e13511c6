// The fault test of test/reliability/faults.test.ts at full size, with the production timers
// (reconcile every 15 s for rows enqueued over 30 s ago) on every process:
//   npx tsx bench/faults/run.ts [--requests=1000] [--rate=20] [--no-reconcile]
// Every callback's first delivery is refused (503), so at any time many wait in Redis for their retry.
// --no-reconcile turns the API process's reconciler off and waits 20 s at the end: it shows
// the check fails (callbacks lost to FLUSHALL) when nothing re-enqueues what Redis lost.
import { type FaultName, runFaultScenario } from "../../test/support/fault-scenario";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const noReconcile = process.argv.includes("--no-reconcile");
const faults: FaultName[] = noReconcile
  ? ["redis-flushall"]
  : ["redis-flushall", "redis-restart", "postgres-restart", "worker-sigkill"];

const report = await runFaultScenario({
  requests: arg("requests", 1000),
  ratePerSecond: arg("rate", 20),
  faults,
  reconcile: noReconcile ? "off" : "default",
  drainTimeoutMs: noReconcile ? 20_000 : 90_000,
  receiverDelayMs: 50,
  failFirstAttempt: true,
  log: (line) => console.error(line),
});

console.log(`\nbench/faults: ${report.requests} requests approved over the API, each with a callback`);
console.log(
  `callbacks: ${report.withCallback}/${report.requests} delivered, ${report.lost.length} lost, ${report.duplicates} duplicate deliveries (${report.duplicatesWithOtherWebhookId} with another webhook-id); ${report.apiRetries} client retries during faults`,
);
console.log("| fault | at (s) | service down (ms) | HTTP back (ms) | first new callback (ms) | backlog cleared (ms) |");
console.log("|---|---|---|---|---|---|");
for (const f of report.faults) {
  console.log(
    `| ${f.fault} | ${(f.at / 1000).toFixed(1)} | ${f.downMs} | ${f.httpRecoveryMs ?? "never"} | ${f.callbackRecoveryMs ?? "never"} | ${f.backlogClearedMs ?? "never"} |`,
  );
}
console.log(
  `last callback ${report.drainMs} ms after the last decision; run took ${(report.totalMs / 1000).toFixed(0)} s`,
);
process.exitCode = report.lost.length === 0 && report.duplicatesWithOtherWebhookId === 0 ? 0 : 1;
