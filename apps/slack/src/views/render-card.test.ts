import { describe, expect, it } from "vitest";
import { fitCodeSection, LIMITS } from "./block-kit-text";
import { type CardRequest, renderCard } from "./render-card";

function request(overrides: Partial<CardRequest> = {}): CardRequest {
  return {
    id: "req_abc123",
    status: "pending",
    action: "db.export",
    resource: "postgres://prod/customers",
    environment: "production",
    requester: { type: "agent", id: "etl-agent", display_name: "ETL agent", on_behalf_of: "dana@example.com" },
    reason: "nightly export",
    params: { table: "customers" },
    context: { ticket: "OPS-1" },
    policy: { rule: "prod-export", version: "v1", explanation: ['action is "db.export"'] },
    required_approvals: 2,
    approvals: 0,
    expires_at: "2030-01-01T00:00:00.000Z",
    decided_at: null,
    decisions: [],
    ...overrides,
  };
}

const options = { publicUrl: "https://countersign.example.com" };
const buttons = (blocks: unknown[]) => JSON.stringify(blocks).match(/countersign_(approve|deny)/g) ?? [];
const texts = (blocks: any[]) =>
  blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text)]).filter(Boolean) as string[];

describe("renderCard", () => {
  it("shows who, what, why, the rule and why it matched, progress and expiry, with both buttons", () => {
    const card = renderCard(request(), options);
    const all = JSON.stringify(card.blocks);
    for (const part of ["ETL agent (etl-agent), agent", "dana@example.com", "db.export", "postgres://prod/customers"]) {
      expect(all).toContain(part);
    }
    expect(all).toContain("nightly export");
    expect(all).toContain('Rule *prod-export* matched: action is \\"db.export\\"');
    expect(all).toContain("0 of 2 approvals");
    expect(all).toContain("<!date^1893456000^");
    expect(buttons(card.blocks)).toEqual(["countersign_approve", "countersign_deny"]);
    const actions = card.blocks.find((b) => b.type === "actions") as any;
    expect(actions.elements.map((e: any) => e.value)).toEqual(["req_abc123", "req_abc123"]);
    expect(card.text).toBe(
      "Approval requested: etl-agent asks to db.export on postgres://prod/customers in production (0 of 2 approvals, expires 2030-01-01T00:00:00.000Z)",
    );
  });

  it("has no buttons once final, and says who decided what", () => {
    const card = renderCard(
      request({
        status: "denied",
        approvals: 1,
        decided_at: "2029-12-31T12:00:00.000Z",
        decisions: [
          {
            approver: "alice@example.com",
            verdict: "approve",
            reason: null,
            channel: "slack",
            at: "2029-12-31T11:00:00.000Z",
          },
          {
            approver: "carol@example.com",
            verdict: "deny",
            reason: "too broad",
            channel: "api",
            at: "2029-12-31T12:00:00.000Z",
          },
        ],
      }),
      options,
    );
    expect(buttons(card.blocks)).toEqual([]);
    const all = JSON.stringify(card.blocks);
    expect(all).toContain("alice@example.com approved via slack");
    expect(all).toContain("carol@example.com denied via api");
    expect(all).toContain("too broad");
    expect(card.text).toMatch(/^Denied: /);
  });

  it("escapes Slack's control characters in request data", () => {
    const card = renderCard(request({ reason: "<!channel> & <https://evil.example|click>" }), options);
    const all = JSON.stringify(card.blocks);
    expect(all).not.toContain("<!channel>");
    expect(all).toContain("&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;");
  });

  it("stays within Block Kit's limits with huge data, and says what it cut", () => {
    const huge = "x".repeat(20_000);
    const card = renderCard(
      request({
        action: `a${"b".repeat(127)}`,
        resource: huge,
        reason: huge,
        requester: { type: "agent", id: huge, display_name: huge, on_behalf_of: huge },
        params: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`key${i}`, "<&>".repeat(20)])),
        context: { blob: huge },
        policy: { rule: "r", version: "v", explanation: [huge] },
        decisions: Array.from({ length: 300 }, (_, i) => ({
          approver: `user${i}@example.com`,
          verdict: "approve",
          reason: "y".repeat(500),
          channel: "slack",
          at: "2029-12-31T11:00:00.000Z",
        })),
      }),
      options,
    );
    expect(card.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    for (const block of card.blocks as any[]) {
      if (block.type === "header") expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
      if (block.type === "section" && block.text)
        expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (block.fields) {
        expect(block.fields.length).toBeLessThanOrEqual(LIMITS.fields);
        for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
      }
      if (block.type === "context") {
        for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(LIMITS.contextText);
      }
    }
    expect(card.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    const cutNotes = texts(card.blocks as any[]).filter((t) => t.includes("more characters cut"));
    // Reason, parameters, context and the decisions list each say they were cut, and where to read it all.
    expect(cutNotes.length).toBe(4);
    expect(cutNotes[0]).toContain("https://countersign.example.com/v1/requests/req_abc123");
    // A cut code block is still closed.
    const params = texts(card.blocks as any[]).find((t) => t.startsWith("*Parameters*"))!;
    expect(params.match(/```/g)).toHaveLength(2);
  });
});

describe("fitCodeSection", () => {
  it("keeps short text whole and cuts long text to the limit without splitting an entity", () => {
    expect(fitCodeSection("*L*", "{}", 100, () => "cut")).toBe("*L*\n```{}```");
    const fitted = fitCodeSection("*L*", "&".repeat(1000), 200, (n) => `_${n} cut_`);
    expect(fitted.length).toBeLessThanOrEqual(200);
    expect(fitted).toMatch(/(&amp;)+```\n_\d+ cut_$/);
  });
});
