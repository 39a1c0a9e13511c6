import type { TestServer } from "../support/start-test-server";

/** Plays the human: waits for a pending request with this action to appear, then decides it. */
export async function decideWhenPending(
  t: TestServer,
  approverKey: string,
  action: string,
  verdict: "approve" | "deny",
  reason?: string,
): Promise<string> {
  const reader = await t.createKey(["requests:read"]);
  for (let i = 0; i < 200; i++) {
    const pending = await t.api(reader.key)("GET", "/v1/requests?status=pending&limit=100");
    const id = pending.body.items.find((r: { action: string }) => r.action === action)?.id;
    if (id) {
      const decided = await t.api(approverKey)("POST", `/v1/requests/${id}/decisions`, { verdict, reason });
      if (decided.status !== 200) throw new Error(`decision refused: ${JSON.stringify(decided.body)}`);
      return id;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no pending ${action} request appeared`);
}
