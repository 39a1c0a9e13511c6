import { type ChannelNotifier, type NotifyInput, RetryLaterError } from "@countersign/approvals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

// Recording notifiers stand in for the Slack and Teams adapters at the engine's boundary.
const published: (NotifyInput & { kind: string; at: number })[] = [];
let throttleNext = 0;
let failNext = 0;
const logLines: string[] = [];
const recorder = (kind: "slack" | "teams"): ChannelNotifier => ({
  kind,
  async publish(_ctx, input) {
    if (kind === "teams" && failNext > 0) {
      failNext--;
      throw new Error("connector unavailable");
    }
    if (kind === "slack" && throttleNext > 0) {
      throttleNext--;
      throw new RetryLaterError(400);
    }
    published.push({ ...input, kind, at: Date.now() });
  },
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ notifiers: [recorder("slack"), recorder("teams")], logLines });
});
afterAll(() => t?.close());

async function until(predicate: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("cards in the channels a rule names", () => {
  it("posts to every channel on creation and updates every copy after each decision, masked only", async () => {
    const requester = await t.createKey(["requests:write"]);
    const alice = await t.createKey(["decisions:write"], "alice@example.com");
    const carol = await t.createKey(["decisions:write"], "carol@example.com");
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest());
    const id = created.body.id as string;
    const forRequest = () => published.filter((p) => p.request.id === id);
    await until(() => forRequest().length === 2);
    expect(
      forRequest()
        .map((p) => [p.kind, p.target.type === "channel" && p.target.name, p.event])
        .sort(),
    ).toEqual([
      ["slack", "dba-slack", "request.created"],
      ["teams", "security-teams", "request.created"],
    ]);
    const slackTarget = forRequest().find((p) => p.kind === "slack")!.target;
    expect(slackTarget).toEqual({ type: "channel", name: "dba-slack", config: { channel: "C0DBA0001" } });
    expect(JSON.stringify(forRequest())).not.toContain("4111 1111 1111 1111");

    await t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    await until(() => forRequest().length === 4);
    await t.api(carol.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    await until(() => forRequest().length === 6);
    const last = forRequest().slice(-2);
    expect(last.every((p) => p.event === "request.approved" && p.request.status === "approved")).toBe(true);
    expect(last[0]!.request.decisions).toHaveLength(2);
  });

  it("a platform's 'retry later' parks the job and tries again after the wait, once", async () => {
    const requester = await t.createKey(["requests:write"]);
    throttleNext = 1;
    const started = Date.now();
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest());
    const id = created.body.id as string;
    await until(() => published.some((p) => p.request.id === id && p.kind === "slack"));
    const slack = published.filter((p) => p.request.id === id && p.kind === "slack");
    expect(slack).toHaveLength(1);
    expect(slack[0]!.at - started).toBeGreaterThanOrEqual(400);
  });

  it("a failed attempt is logged with the request's id, and retried until it succeeds", async () => {
    const requester = await t.createKey(["requests:write"]);
    failNext = 1;
    const created = await t.api(requester.key)("POST", "/v1/requests", baseRequest());
    const id = created.body.id as string;
    await until(() => published.some((p) => p.request.id === id && p.kind === "teams"), 15_000);
    const failure = logLines.map((l) => JSON.parse(l)).find((l) => l.msg?.startsWith("job attempt failed"));
    expect(failure).toMatchObject({ request_id: id, job: "request.notify", attempt: 1 });
  });
});
