// Public surface of the engine: apps compose it; nothing else reaches into its folders.
export { CreateApiKeyInput, createApiKey, revokeApiKey, SCOPES, type Scope } from "./actions/api-keys";
export { cancelRequest } from "./actions/cancel-request";
export {
  type CardPost,
  type ChatPlatform,
  listCardPosts,
  listConversationReferences,
  loadConversationReference,
  recordCardPost,
  saveConversationReference,
} from "./actions/chat-cards";
export { createRequest, type RequestOrigin } from "./actions/create-request";
export { CreateRequestInput } from "./actions/create-request-input";
export { DecideInput, decide } from "./actions/decide";
export { expireOverdue } from "./actions/expire-request";
export { getRequest } from "./actions/get-request";
export { listDecidableRequests, listOwnRequests } from "./actions/list-for-person";
export { listRequests } from "./actions/list-requests";
export type { ChannelNotifier, NotifyInput, NotifyTarget } from "./actions/notify-channels-job";
export type { RequestView } from "./actions/present-request";
export { redeemToken } from "./actions/redeem-token";
export { type AuditInput, appendAudit } from "./audit/append-audit";
export { type AuditChainer, chainAudit, startAuditChainer } from "./audit/chain-audit";
export { type AuditHead, type AuditVerification, verifyAuditChain } from "./audit/verify-audit-chain";
export type { ChatApp, ChatAppDeps } from "./chat-app";
export type { Actor, Ctx, EngineEnv } from "./context";
export { isOwnId } from "./crypto/ids";
export { deriveSecretKeys, type SecretKeys } from "./crypto/secret-keys";
export { createEngine, type Engine } from "./engine";
export type { EngineMetrics } from "./engine-metrics";
export { AppError, ERROR_STATUS, ERROR_TITLES, type ErrorCode, isAppError, RetryLaterError } from "./errors";
export { leasedRateLimitStore, leaseSize } from "./http/leased-rate-limit-store";
export { v1Routes } from "./http/v1-routes";
export type { LoadedPolicy } from "./policy-source";
export { createOutboxRelay, type OutboxRelay } from "./queue/outbox-relay";
export { createQueues, type Queues } from "./queue/queues";
export { startWorkers, type WorkerRuntime } from "./queue/start-workers";
export {
  type Database,
  type Db,
  migrationsFolder,
  openDatabase,
  queryRows,
  queryRowsPrepared,
  type StatementTemplate,
} from "./store/database";
