import { createRequire } from "node:module";
import type { RequestView } from "@countersign/approvals";
import { describe, expect, it } from "vitest";
import { buildRequestCard, CARD_BYTE_LIMIT, MAX_REFRESH_USERS } from "./build-request-card";

const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");

function problems(card: unknown): string[] {
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const found: string[] = [];
  for (let i = 0; i < context.eventCount; i++) found.push(context.getEventAt(i).message);
  for (const issue of parsed.validateProperties().allIssues ?? []) found.push(issue.message);
  return found;
}

function view(overrides: Partial<RequestView> = {}): RequestView {
  return {
    id: "req_test0000000001",
    status: "pending",
    decision_mode: "approval_required",
    action: "db.export",
    resource: "postgres://prod/customers",
    environment: "production",
    requester: { type: "agent", id: "etl-agent", display_name: "ETL agent", on_behalf_of: "dana@example.com" },
    reason: "nightly export",
    params: { table: "customers" },
    context: { ticket: "OPS-1" },
    policy: {
      rule: "prod-export",
      version: "abc",
      explanation: ["action db.export matches", "environment production matches"],
    },
    required_approvals: 2,
    approvals: 1,
    approvers: ["alice@example.com", "carol@example.com"],
    expires_at: "2030-01-01T00:15:00.000Z",
    created_at: "2030-01-01T00:00:00.000Z",
    decided_at: null,
    params_digest: "sha256:00",
    masking: { fields_masked: 0, findings: [] },
    callback: null,
    decisions: [
      {
        approver: "alice@example.com",
        verdict: "approve",
        reason: null,
        channel: "slack",
        at: "2030-01-01T00:01:00.000Z",
      },
    ],
    ...overrides,
  } as RequestView;
}

describe("buildRequestCard", () => {
  it("is a valid Adaptive Card 1.5 with progress, rule, expiry and the two verbs", () => {
    const card = buildRequestCard(view(), { refreshUserIds: ["29:alice"] });
    expect(problems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain("1 of 2 approvals");
    expect(text).toContain("environment production matches");
    expect(text).toContain("{{DATE(2030-01-01T00:15:00Z, SHORT)}}");
    expect(card.refresh).toMatchObject({ userIds: ["29:alice"], action: { verb: "refresh" } });
  });

  it("caps refresh.userIds at 60 and leaves refresh out when no approver is known", () => {
    const many = Array.from({ length: 80 }, (_, i) => `29:u${i}`);
    expect((buildRequestCard(view(), { refreshUserIds: many }).refresh as any).userIds).toHaveLength(MAX_REFRESH_USERS);
    expect(buildRequestCard(view()).refresh).toBeUndefined();
  });

  it("truncates long context (then params) with a visible note to stay under Teams' limit", () => {
    const big = { dump: "x".repeat(60_000), lines: Array.from({ length: 500 }, (_, i) => `"quoted" line ${i} ü`) };
    const card = buildRequestCard(view({ context: big, params: { sql: "y".repeat(40_000) } }));
    const size = Buffer.byteLength(JSON.stringify(card));
    expect(size).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(size).toBeGreaterThan(CARD_BYTE_LIMIT - 2048);
    const text = JSON.stringify(card);
    expect(text).toContain("context truncated");
    expect(text).toContain("GET /v1/requests/req_test0000000001");
    expect(problems(card)).toEqual([]);
  });

  it("drops the buttons and the reason box once final", () => {
    const card = buildRequestCard(view({ status: "approved", approvals: 2 }));
    expect(card.actions).toBeUndefined();
    expect(JSON.stringify(card)).not.toContain("Input.Text");
    expect(JSON.stringify(card)).toContain("✅ Approved");
  });

  it("the validator is real: it reports a broken card", () => {
    expect(problems({ type: "AdaptiveCard", version: "1.5", body: [{ type: "Bogus.Element" }] })).not.toEqual([]);
  });

  it("keeps requester text from becoming links or mentions", () => {
    const card = buildRequestCard(view({ reason: "see [here](https://evil.example) <at>everyone</at>" }));
    const text = JSON.stringify(card);
    expect(text).not.toContain("](https://evil.example)");
    expect(text).not.toContain("<at>");
  });
});
