import { Agent, request } from "node:http";
import { summarize } from "./percentiles";

export interface PacedLoadOptions {
  url: string;
  headers: Record<string, string>;
  body: () => string;
  rate: number;
  seconds: number;
}

export interface PacedLoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

/**
 * Open-loop load at an even rate: request i leaves at start + i/rate whatever happened to the ones
 * before it, and its latency counts from that moment, so a stall delays (and is charged to) every
 * request due during it. autocannon's rate option sends each connection's quota for a second
 * back to back at the start of the second: a burst of `rate` requests, not `rate` per second.
 */
export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent: Promise<void> = post(agent, options.url, options.headers, options.body()).then((ok) => {
      latencies.push(performance.now() - due);
      if (!ok) errors++;
      inFlight.delete(sent);
    });
    inFlight.add(sent);
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const summary = summarize(latencies);
  return {
    rps: total / elapsed,
    p50: Math.round(summary.p50),
    p99: Math.round(summary.p99),
    errors,
    total,
  };
}

/** One POST; true for a 2xx answer, false for anything else or a failure (10 s timeout). */
function post(agent: Agent, url: string, headers: Record<string, string>, body: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        timeout: 10_000,
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
        res.on("error", () => resolve(false));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(false));
    req.end(body);
  });
}
