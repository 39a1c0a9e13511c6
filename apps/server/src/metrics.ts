import type { EngineMetrics, Queues } from "@countersign/approvals";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

const JOB_STATES = ["waiting", "active", "delayed", "failed", "completed"] as const;

/** The Prometheus registry behind /metrics, and the engine's hooks into it. */
export function createMetrics(queues: Queues): { registry: Registry; engine: EngineMetrics } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "countersign_process_" });

  const requests = new Counter({
    name: "countersign_requests_created_total",
    help: "Requests stored, by how the policy decided them",
    labelNames: ["decision_mode"],
    registers: [registry],
  });
  const finished = new Counter({
    name: "countersign_requests_finished_total",
    help: "Requests that reached a final state, by status",
    labelNames: ["status"],
    registers: [registry],
  });
  const timeToDecision = new Histogram({
    name: "countersign_time_to_decision_seconds",
    help: "Seconds from a request's creation to its final state",
    labelNames: ["status"],
    buckets: [0.1, 1, 10, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600],
    registers: [registry],
  });
  const callbacks = new Counter({
    name: "countersign_callback_attempts_total",
    help: "Callback delivery attempts, by outcome",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const chatErrors = new Counter({
    name: "countersign_chat_errors_total",
    help: "Failed Slack and Teams API calls while posting or updating cards",
    labelNames: ["platform", "kind"],
    registers: [registry],
  });
  // Read from BullMQ when scraped, so every process reports the same shared queues.
  new Gauge({
    name: "countersign_queue_jobs",
    help: "Jobs in each BullMQ queue, by state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [name, queue] of Object.entries(queues.byName)) {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });

  return {
    registry,
    engine: {
      requestCreated: (mode) => requests.inc({ decision_mode: mode }),
      requestFinished: (status, seconds) => {
        finished.inc({ status });
        timeToDecision.observe({ status }, seconds);
      },
      callbackAttempt: (outcome) => callbacks.inc({ outcome }),
      chatError: (platform, kind) => chatErrors.inc({ platform, kind }),
    },
  };
}
