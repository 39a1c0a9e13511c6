import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCallbackReceiver } from "./support/callback-receiver";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

function sample(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(" ").pop()) : 0;
}

describe("/metrics", () => {
  it("counts requests by outcome, time to decision, callback attempts and queue depth", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const requester = await t.createKey(["requests:write"]);
      const alice = await t.createKey(["decisions:write"], "alice@example.com");
      const created = await t.api(requester.key)(
        "POST",
        "/v1/requests",
        baseRequest({ environment: "staging", callback: { url: receiver.url } }),
      );
      await t.api(alice.key)("POST", `/v1/requests/${created.body.id}/decisions`, { verdict: "approve" });
      await t.api(requester.key)("POST", "/v1/requests", baseRequest({ action: "db.query.users" }));
      await receiver.waitFor(1);
      await new Promise((r) => setTimeout(r, 200));

      const response = await fetch(`${t.url}/metrics`);
      expect(response.headers.get("content-type")).toContain("text/plain");
      const text = await response.text();
      expect(sample(text, "countersign_requests_created_total", 'decision_mode="approval_required"')).toBe(1);
      expect(sample(text, "countersign_requests_created_total", 'decision_mode="auto_approved"')).toBe(1);
      expect(sample(text, "countersign_requests_finished_total", 'status="approved"')).toBe(2);
      expect(sample(text, "countersign_time_to_decision_seconds_count", 'status="approved"')).toBe(2);
      expect(sample(text, "countersign_callback_attempts_total", 'outcome="delivered"')).toBe(1);
      expect(text).toMatch(/countersign_queue_jobs\{queue="callbacks",state="completed"\} \d+/);
      expect(text).toContain("countersign_process_");
    } finally {
      await receiver.close();
    }
  });
});
