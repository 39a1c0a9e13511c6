export { type ClientOptions, type CountersignClient, createClient } from "./create-client";
export {
  CountersignError,
  CountersignUnreachableError,
  ERROR_CODES,
  type ErrorCode,
  type FieldError,
  isErrorCode,
  type Problem,
} from "./errors";
export type { FetchLike } from "./http-call";
export type { NewRequest, RequestApprovalInput, Requester, WaitOptions } from "./inputs";
export type { ApprovalOutcome, ApprovedOutcome, RejectedOutcome, UndecidedOutcome } from "./outcome";
export { canonicalJson, paramsDigest } from "./params-digest";
export type * from "./types";
export { type CallbackEvent, type CallbackHeaders, CallbackVerificationError, verifyCallback } from "./verify-callback";
