// The API's JSON, as countersign sends it (CONTRACT.md section 2): snake_case, exactly the wire shape.

export type RequesterType = "agent" | "pipeline" | "human";
export type RequestStatus = "pending" | "approved" | "denied" | "expired" | "cancelled";
export type FinalStatus = Exclude<RequestStatus, "pending">;
export type DecisionMode = "approval_required" | "auto_approved" | "denied_by_policy";
export type Verdict = "approve" | "deny";
export type JsonObject = { [key: string]: unknown };

export interface MaskingSummary {
  fields_masked: number;
  findings: { path: string; type: string }[];
}

export interface Decision {
  approver: string;
  verdict: Verdict;
  reason: string | null;
  channel: string;
  at: string;
}

/** `POST /v1/requests`: the answer to a new request. */
export interface CreatedRequest {
  id: string;
  status: RequestStatus;
  decision_mode: DecisionMode;
  policy: { rule: string | null; version: string };
  required_approvals: number;
  approvers: string[];
  expires_at: string;
  params_digest: string;
  masking: MaskingSummary;
  /** Only when auto-approved without a callback URL. */
  token?: string;
  token_expires_at?: string;
  /** True when an identical pending request already existed and this one joined it. */
  merged?: boolean;
}

/** `GET /v1/requests/{id}`: the request as approvers see it (masked). */
export interface RequestView {
  id: string;
  status: RequestStatus;
  decision_mode: DecisionMode;
  action: string;
  resource: string | null;
  environment: string | null;
  requester: { type: RequesterType; id: string; display_name: string | null; on_behalf_of: string | null };
  reason: string | null;
  params: JsonObject;
  context: JsonObject | null;
  policy: { rule: string | null; version: string; explanation: string[] };
  required_approvals: number;
  approvals: number;
  approvers: string[];
  deny_reason_required: boolean;
  expires_at: string;
  created_at: string;
  decided_at: string | null;
  params_digest: string;
  masking: MaskingSummary;
  callback: { url: string } | null;
  decisions: Decision[];
  /** Only on the requester's first read after approval, when no callback URL was given. */
  token?: string;
  token_expires_at?: string;
}

export interface RequestPage {
  items: RequestView[];
  next_cursor: string | null;
}

/** `POST /v1/tokens/redeem`. */
export interface Redemption {
  request_id: string;
  action: string;
  resource: string | null;
  environment: string | null;
  params_digest: string;
  approved_by: string[];
  redeemed_at: string;
}

export interface AuditEvent {
  seq: number;
  id: string;
  at: string;
  type: string;
  request_id: string | null;
  actor: JsonObject;
  data: JsonObject;
  prev_hash: string;
  hash: string;
}

export interface AuditPage {
  items: AuditEvent[];
  /** Pass as `after` for the next page; null when this page was the last. */
  next_after: number | null;
}
