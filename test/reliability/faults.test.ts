import { describe, expect, it } from "vitest";
import { runFaultScenario } from "../support/fault-scenario";

// Private Redis and Postgres (test/support/private-services.ts): these faults must never touch the
// shared services other test files use. `npx tsx bench/faults/run.ts` runs the same with 1,000 requests.
describe("faults mid-stream lose no callback", () => {
  it("FLUSHALL, Redis restart, Postgres restart and a SIGKILLed worker: every callback arrives once per webhook-id", async () => {
    const began = performance.now();
    const report = await runFaultScenario({
      requests: 200,
      ratePerSecond: 10,
      faults: ["redis-flushall", "redis-restart", "postgres-restart", "worker-sigkill"],
      reconcile: "fast",
      drainTimeoutMs: 60_000,
      receiverDelayMs: 50,
      failFirstAttempt: true,
      // Progress on stderr: if this ever runs long, the CI log says which phase it was in.
      log: (line) => console.error(`[faults +${Math.round(performance.now() - began)} ms] ${line}`),
    });
    console.log(JSON.stringify(report));
    expect(report.lost).toEqual([]);
    expect(report.withCallback).toBe(200);
    expect(report.duplicatesWithOtherWebhookId).toBe(0);
    for (const fault of report.faults) {
      expect(fault.httpRecoveryMs, fault.fault).not.toBeNull();
      expect(fault.callbackRecoveryMs, fault.fault).not.toBeNull();
    }
  }, 150_000); // setup ~5 s + stream ~25 s + drain up to 60 s + teardown: a loss fails with its report
});
