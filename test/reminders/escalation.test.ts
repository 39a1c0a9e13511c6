import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditOf } from "../support/audit-events";
import { baseRequest, type TestServer } from "../support/start-test-server";
import { type Published, sleep, startRecordingServer, untilAsync } from "./recording-server";

let t: TestServer;
let published: Published[];
beforeAll(async () => {
  ({ t, published } = await startRecordingServer());
});
afterAll(() => t?.close());

// baseRequest acts on behalf of dana@example.com, who is in the escalation's oncall group.
async function createEscalating() {
  const requester = await t.createKey(["requests:write", "requests:read"]);
  const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest({ action: "escalate.run" }));
  expect(created.status).toBe(201);
  return { id: created.body.id as string, read: t.api(requester.key) };
}

const escalatedEvents = (id: string) => published.filter((p) => p.request.id === id && p.event === "request.escalated");

describe("escalate_after", () => {
  it("adds the escalation's approvers (never the requester) and channels, audits it, and a new approver can decide", async () => {
    const { id, read } = await createEscalating();
    const before = await read("GET", `/v1/requests/${id}`);
    expect(before.body.approvers).toEqual(["alice@example.com", "bob@example.com"]);
    expect(before.body.escalation).toMatchObject({
      after: "2s",
      groups: ["security", "oncall"],
      approvers: ["carol@example.com", "erin@example.com"],
      channels: ["oncall-slack"],
      escalated_at: null,
    });
    expect(Date.parse(before.body.escalation.at)).toBeGreaterThan(Date.parse(before.body.created_at));

    const carol = t.api((await t.createKey(["decisions:write"], "carol@example.com")).key);
    const early = await carol("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    expect(early.status).toBe(403);
    expect(early.body.code).toBe("not_an_approver");

    const after = await untilAsync(async () => {
      const view = await read("GET", `/v1/requests/${id}`);
      return view.body.escalation?.escalated_at && view;
    });
    expect(after.body.status).toBe("pending");
    expect(after.body.approvers).toEqual([
      "alice@example.com",
      "bob@example.com",
      "carol@example.com",
      "erin@example.com",
    ]);
    expect(after.body.approvers).not.toContain("dana@example.com");

    const events = await untilAsync(async () => {
      const sent = escalatedEvents(id);
      return sent.length === 2 && sent;
    });
    expect(events.map((p) => p.target.type === "channel" && p.target.name).sort()).toEqual([
      "dba-slack",
      "oncall-slack",
    ]);
    expect(events.every((p) => p.request.escalation?.escalated_at)).toBe(true);

    const audit = await auditOf(t, id);
    const escalated = audit.filter((e) => e.type === "request.escalated");
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.data).toEqual({
      groups: ["security", "oncall"],
      added_approvers: ["carol@example.com", "erin@example.com"],
      added_channels: ["oncall-slack"],
    });

    const dana = t.api((await t.createKey(["decisions:write"], "dana@example.com")).key);
    const self = await dana("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe("self_approval");

    const decided = await carol("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe("approved");
  });

  it("a decision before the deadline prevents the escalation", async () => {
    const { id, read } = await createEscalating();
    const alice = t.api((await t.createKey(["decisions:write"], "alice@example.com")).key);
    expect((await alice("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" })).body.status).toBe("approved");
    await sleep(3_000);
    const view = await read("GET", `/v1/requests/${id}`);
    expect(view.body.escalation.escalated_at).toBeNull();
    expect(view.body.approvers).toEqual(["alice@example.com", "bob@example.com"]);
    expect(escalatedEvents(id)).toHaveLength(0);
    expect((await auditOf(t, id)).map((e) => e.type)).not.toContain("request.escalated");
  });
});
