import { listCardPosts } from "@countersign/approvals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest } from "../support/start-test-server";
import { cardsFor, everythingSent, hasButtons, type SlackHarness, startSlackHarness } from "./slack-harness";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h?.close());

const SECRETS = ["hunter2-very-secret", "4111 1111 1111 1111", "4111111111111111", "jo@example.com"];

async function createRequest(overrides: Record<string, unknown> = {}) {
  const requester = await h.t.createKey(["requests:write"]);
  const created = await h.t.api(requester.key)("POST", "/v1/requests", baseRequest(overrides));
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe("cards", () => {
  it("posts a Block Kit card to every channel the rule names, from masked data only", async () => {
    const id = await createRequest({
      params: { table: "customers", columns: ["id", "email"], password: "hunter2-very-secret" },
    });
    await h.slack.waitFor(() => cardsFor(h.slack, id).length === 2);

    const posts = h.slack.callsTo("chat.postMessage").filter((c) => JSON.stringify(c.args).includes(id));
    expect(posts.map((p) => p.args.channel).sort()).toEqual(["C0DBA0001", "C0SEC0001"]);
    for (const { args } of posts) {
      expect(args.text).toMatch(/etl-agent asks to db\.export on postgres:\/\/prod\/customers in production/);
      const blocks = JSON.stringify(args.blocks);
      for (const expected of [
        "ETL agent (etl-agent), agent",
        "dana@example.com",
        "nightly export for the analytics warehouse",
        "prod-export",
        "action is",
        "0 of 2 approvals",
        "OPS-1234",
        "<!date^",
      ]) {
        expect(blocks).toContain(expected);
      }
      const buttons = args.blocks.flatMap((b: any) => (b.type === "actions" ? b.elements : []));
      expect(buttons.map((b: any) => [b.action_id, b.value])).toEqual([
        ["countersign_approve", id],
        ["countersign_deny", id],
      ]);
    }
    const sent = everythingSent(h.slack);
    for (const secret of SECRETS) expect(sent).not.toContain(secret);

    // Recorded right after Slack answered, so it may trail the fake's view by a moment.
    const ctx = h.t.engine.ctx({ type: "system", reason: "test" });
    let stored = await listCardPosts(ctx, id, "slack");
    for (let i = 0; stored.length < 2 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stored = await listCardPosts(ctx, id, "slack");
    }
    expect(stored.map((s) => s.target).sort()).toEqual(["dba-slack", "security-slack"]);
    for (const s of stored) {
      const post = posts.find((p) => p.args.channel === s.address.channel)!;
      const card = cardsFor(h.slack, id).find((m) => m.channel === s.address.channel)!;
      expect(s.address).toEqual({ team: "T0FAKE001", channel: post.args.channel, ts: card.ts });
    }
  });

  it("a decision made over the API updates the Slack card: who decided, and no buttons once final", async () => {
    const id = await createRequest({ environment: "staging" });
    const [card] = await h.slack.waitFor(() => {
      const cards = cardsFor(h.slack, id);
      return cards.length === 1 && cards;
    });
    expect(hasButtons(card!)).toBe(true);

    const alice = await h.t.createKey(["decisions:write"], "alice@example.com");
    const decided = await h.t.api(alice.key)("POST", `/v1/requests/${id}/decisions`, { verdict: "approve" });
    expect(decided.status).toBe(200);

    const update = await h.slack.waitFor(() =>
      h.slack.callsTo("chat.update").find((c) => c.args.ts === card!.ts && c.args.channel === card!.channel),
    );
    const blocks = JSON.stringify(update.args.blocks);
    expect(blocks).toContain("alice@example.com approved via api");
    expect(blocks).toContain("1 of 1 approval");
    expect(hasButtons(update.args)).toBe(false);
    expect(update.args.text).toMatch(/^Approved: /);
    expect(h.slack.callsTo("chat.postMessage").filter((c) => JSON.stringify(c.args).includes(id))).toHaveLength(1);
  });

  it("a request far beyond Block Kit's limits still posts (the fake answers invalid_blocks otherwise), cut with a note", async () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 50}`).join(" ");
    const id = await createRequest({
      environment: "staging",
      reason: words(520),
      params: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`column_${i}`, "kept as it is"])),
      context: { notes: words(8000) },
    });
    const [card] = await h.slack.waitFor(() => {
      const cards = cardsFor(h.slack, id);
      return cards.length === 1 && cards;
    });
    expect(h.slack.calls.filter((c) => c.answer === "invalid_blocks")).toEqual([]);
    const sections = card!.blocks.filter((b: any) => b.type === "section" && b.text).map((b: any) => b.text.text);
    const cutNotes = sections.filter((t: string) => t.includes("more characters cut"));
    expect(cutNotes.length).toBe(3);
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(3000);
    expect(hasButtons(card!)).toBe(true);
  });

  it("a 429 with Retry-After parks the job: the card is posted once, after the wait", async () => {
    h.slack.rateLimitNext(1, "chat.postMessage");
    const started = Date.now();
    const id = await createRequest({ environment: "staging" });
    await h.slack.waitFor(() => cardsFor(h.slack, id).length === 1, 20_000);

    const attempts = h.slack.calls.filter(
      (c) => c.method === "chat.postMessage" && JSON.stringify(c.args).includes(id),
    );
    expect(attempts.map((a) => a.answer)).toEqual(["429", "ok"]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(attempts[1]!.at - started).toBeGreaterThanOrEqual(1000);
    // Nothing else arrives later: one card, however many times the job ran.
    await new Promise((r) => setTimeout(r, 1500));
    expect(cardsFor(h.slack, id)).toHaveLength(1);
  });
});
