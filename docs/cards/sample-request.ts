import type { RequestView } from "@countersign/approvals";
import type { Masker } from "@countersign/masking";

/** The README's example request, masked exactly as the engine masks it before storing. */
export function sampleRequest(masker: Masker): RequestView {
  const raw = {
    resource: "postgres://prod/customers",
    reason: "nightly export for the analytics warehouse",
    params: {
      table: "customers",
      columns: ["id", "email"],
      destination: "s3://exports/cust.csv",
      password: "hunter2-prod!",
    },
    context: { ticket: "OPS-1234", sample_row: { email: "jo@example.com", card: "4111 1111 1111 1111" } },
  };
  const { masked, findings } = masker.mask(raw);
  const now = Date.parse("2026-11-22T09:00:00Z");
  return {
    id: "req_7GkQw2vXb9Ls1nTq4YpZcA",
    status: "pending",
    decision_mode: "approval_required",
    action: "db.export",
    resource: masked.resource,
    environment: "production",
    requester: { type: "agent", id: "etl-agent", display_name: "ETL agent", on_behalf_of: "dana@example.com" },
    reason: masked.reason,
    params: masked.params,
    context: masked.context,
    policy: {
      rule: "prod-export",
      version: "sha256:3dc1…",
      explanation: ['action is "db.export"', 'environment is "production"'],
    },
    required_approvals: 2,
    approvals: 1,
    approvers: ["alice@example.com", "bob@example.com", "carol@example.com"],
    deny_reason_required: true,
    expires_at: new Date(now + 15 * 60_000).toISOString(),
    created_at: new Date(now).toISOString(),
    decided_at: null,
    params_digest: "sha256:4666ad41c177603b74f3e4e41b3a9f75367abe8909c9f07d398c6a7cdbd4a145",
    masking: { fields_masked: findings.length, findings: findings.map((f) => ({ path: f.path, type: f.type })) },
    callback: null,
    decisions: [
      {
        approver: "alice@example.com",
        verdict: "approve",
        reason: null,
        channel: "slack",
        at: new Date(now + 120_000).toISOString(),
      },
    ],
  } as RequestView;
}
