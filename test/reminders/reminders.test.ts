import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, type TestServer } from "../support/start-test-server";
import { type Published, sleep, startRecordingServer, until } from "./recording-server";

let t: TestServer;
let published: Published[];
beforeAll(async () => {
  ({ t, published } = await startRecordingServer());
});
afterAll(() => t?.close());

const reminders = (id: string) => published.filter((p) => p.request.id === id && p.event === "request.reminder");

describe("remind_every", () => {
  it("re-notifies every channel of a pending request at the interval, and stops once it is decided", async () => {
    const requester = await t.createKey(["requests:write"]);
    const alice = await t.createKey(["decisions:write"], "alice@example.com");
    const createdAt = Date.now();
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ action: "remind.run" }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const view = await t.api(requester.key)("GET", `/v1/requests/${id}`);
    expect(view.body).toMatchObject({ remind_every: "2s", escalation: null, on_timeout: "expire", timed_out: false });

    // Two rounds: every channel the rule names, about 2 s apart.
    await until(() => reminders(id).length >= 4, 15_000);
    const sent = reminders(id);
    expect(new Set(sent.map((p) => p.target.type === "channel" && p.target.name))).toEqual(
      new Set(["dba-slack", "security-teams"]),
    );
    expect(sent.every((p) => p.request.status === "pending")).toBe(true);
    const bySlack = sent.filter((p) => p.kind === "slack");
    expect(bySlack[0]!.at - createdAt).toBeGreaterThanOrEqual(1900);
    expect(bySlack[1]!.at - bySlack[0]!.at).toBeGreaterThanOrEqual(1500);

    const decided = await t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    expect(decided.body.status).toBe("approved");
    await sleep(300);
    const settled = reminders(id).length;
    // Longer than two intervals: a reminder still scheduled finds the request decided and sends nothing.
    await sleep(4_500);
    expect(reminders(id)).toHaveLength(settled);
    expect(reminders(id).every((p) => p.request.status === "pending")).toBe(true);
  });

  it("a rule without remind_every never reminds", async () => {
    const requester = await t.createKey(["requests:write"]);
    const created = await t.api(requester.key)(
      "POST",
      "/v1/requests",
      baseRequest({ action: "escalate.run", requester: { type: "agent", id: "quiet-agent" } }),
    );
    const id = created.body.id as string;
    expect(created.body.status).toBe("pending");
    await until(() => published.some((p) => p.request.id === id && p.event === "request.created"));
    await sleep(2_500);
    expect(reminders(id)).toHaveLength(0);
  });
});
