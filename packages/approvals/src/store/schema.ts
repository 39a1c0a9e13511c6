import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Who joins and where the card goes when a waiting request escalates; approvers exclude the requester. */
export interface Escalation {
  after_seconds: number;
  groups: string[];
  approvers: string[];
  notify: string[];
}

export const apiKeys = pgTable("api_keys", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  scopes: text("scopes").array().notNull(),
  approver: text("approver"),
  // Sealed (AES-GCM) because the engine must sign callbacks with it; never returned after creation.
  signingSecretSealed: text("signing_secret_sealed").notNull(),
  createdAt: createdAt(),
  revokedAt: at("revoked_at"),
});

export const requests = pgTable(
  "requests",
  {
    id: text("id").primaryKey(),
    action: text("action").notNull(),
    resource: text("resource"),
    environment: text("environment"),
    requesterType: text("requester_type").notNull(),
    requesterId: text("requester_id").notNull(),
    requesterDisplayName: text("requester_display_name"),
    onBehalfOf: text("on_behalf_of"),
    reason: text("reason"),
    paramsMasked: jsonb("params_masked").notNull(),
    contextMasked: jsonb("context_masked"),
    paramsDigest: text("params_digest").notNull(),
    masking: jsonb("masking").notNull(),
    status: text("status").notNull(),
    decisionMode: text("decision_mode").notNull(),
    policyRule: text("policy_rule"),
    policyVersion: text("policy_version").notNull(),
    policyExplanation: jsonb("policy_explanation").notNull(),
    requiredApprovals: integer("required_approvals").notNull(),
    approvalCount: integer("approval_count").notNull().default(0),
    approvers: text("approvers").array().notNull(),
    notify: text("notify").array().notNull(),
    denyReasonRequired: boolean("deny_reason_required").notNull().default(false),
    tokenTtlSeconds: integer("token_ttl_seconds").notNull().default(900),
    // Same requester, action, target and params: a looping agent's repeats merge into the pending one.
    dedupeKey: text("dedupe_key"),
    apiKeyId: text("api_key_id"),
    // Where a human asked from (Slack or Teams), so the outcome can be sent back to them there.
    origin: jsonb("origin"),
    callbackUrl: text("callback_url"),
    callbackSecretSealed: text("callback_secret_sealed"),
    // Without a callback the token is issued on the requester's first read after approval.
    tokenPickup: text("token_pickup"),
    expiresAt: at("expires_at").notNull(),
    decidedAt: at("decided_at"),
    createdAt: createdAt(),
    // Copied from the rule at creation, so a policy change never alters a request already waiting.
    remindEverySeconds: integer("remind_every_seconds"),
    escalateAt: at("escalate_at"),
    escalation: jsonb("escalation").$type<Escalation>(),
    escalatedAt: at("escalated_at"),
    onTimeout: text("on_timeout").$type<"expire" | "deny">().notNull().default("expire"),
  },
  (t) => [
    index("requests_status_expires_idx").on(t.status, t.expiresAt),
    index("requests_created_idx").on(t.createdAt, t.id),
    uniqueIndex("requests_pending_dedupe_uq").on(t.dedupeKey).where(sql`status = 'pending'`),
    index("requests_pending_requester_idx").on(t.requesterType, t.requesterId).where(sql`status = 'pending'`),
  ],
);

export const decisions = pgTable(
  "decisions",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id")
      .notNull()
      .references(() => requests.id),
    approver: text("approver").notNull(),
    verdict: text("verdict").notNull(),
    reason: text("reason"),
    channel: text("channel").notNull(),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("decisions_request_approver_uq").on(t.requestId, t.approver)],
);

export const tokens = pgTable("tokens", {
  id: text("id").primaryKey(),
  requestId: text("request_id")
    .notNull()
    .unique()
    .references(() => requests.id),
  tokenHash: text("token_hash").notNull().unique(),
  paramsDigest: text("params_digest").notNull(),
  expiresAt: at("expires_at").notNull(),
  redeemedAt: at("redeemed_at"),
  createdAt: createdAt(),
});

export const outbox = pgTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    requestId: text("request_id").references(() => requests.id),
    payload: jsonb("payload").notNull(),
    // A sealed token travels here, never in the queue: the job carries only the outbox id.
    sealed: text("sealed"),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    availableAt: at("available_at").notNull().defaultNow(),
    enqueuedAt: at("enqueued_at"),
    firstAttemptAt: at("first_attempt_at"),
    doneAt: at("done_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.status, t.enqueuedAt).where(sql`status = 'pending'`),
    // The relay's question: which rows not yet in Redis are due soon.
    index("outbox_unenqueued_due_idx").on(t.availableAt).where(sql`status = 'pending' and enqueued_at is null`),
  ],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    apiKeyId: text("api_key_id").notNull(),
    key: text("key").notNull(),
    bodyHash: text("body_hash").notNull(),
    requestId: text("request_id")
      .notNull()
      .references(() => requests.id),
    responseStatus: integer("response_status").notNull(),
    responseBody: jsonb("response_body").notNull(),
    tokenSealed: text("token_sealed"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index("idempotency_created_idx").on(t.createdAt)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    id: text("id").notNull().unique(),
    at: at("at").notNull(),
    type: text("type").notNull(),
    requestId: text("request_id"),
    actor: jsonb("actor").notNull(),
    data: jsonb("data").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_request_idx").on(t.requestId)],
);

/**
 * Audit events written by a transaction that has not committed yet. A deferred trigger
 * (migration 0006) moves each onto the end of the chain in `audit_events` at commit, so the
 * lock that orders the chain is held only for the commit itself.
 */
export const auditPending = pgTable("audit_pending", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  eventId: text("event_id").notNull(),
  at: at("at").notNull(),
  type: text("type").notNull(),
  requestId: text("request_id"),
  actor: jsonb("actor").notNull(),
  data: jsonb("data").notNull(),
  contentHash: text("content_hash").notNull(),
});

/** Every copy of a request's card posted to a chat platform, so each can be updated later. */
export const cardPosts = pgTable(
  "card_posts",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id")
      .notNull()
      .references(() => requests.id),
    platform: text("platform").notNull(),
    // Where the copy lives, chosen by the adapter: a policy channel name, or e.g. `dm:U123`.
    target: text("target").notNull(),
    address: jsonb("address").notNull(),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("card_posts_request_target_uq").on(t.requestId, t.platform, t.target)],
);

/** What a platform needs to message a conversation later (Teams conversation references). */
export const chatConversations = pgTable(
  "chat_conversations",
  {
    platform: text("platform").notNull(),
    conversationId: text("conversation_id").notNull(),
    reference: jsonb("reference").notNull(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.conversationId] })],
);
