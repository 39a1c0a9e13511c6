// Public surface of the callback delivery module (CONTRACT.md section 3).
export { type CallbackUrlCheck, type CallbackUrlOptions, checkCallbackUrl } from "./check-callback-url";
export {
  CALLBACK_USER_AGENT,
  DEFAULT_CALLBACK_TIMEOUT_MS,
  type DeliverCallbackInput,
  type DeliveryResult,
  deliverCallback,
} from "./deliver-callback";
export {
  CallbackAddressBlockedError,
  createGuardedLookup,
  type GuardedLookupOptions,
  type ResolvedAddress,
  type ResolveHost,
  resolveHostWithSystemDns,
} from "./guarded-lookup";
export { type BlockedRange, findBlockedRange, isBlockedAddress } from "./ip-ranges";
export { CALLBACK_GIVE_UP_AFTER_MS, type GiveUpInput, nextRetryDelayMs, shouldGiveUp } from "./retry-schedule";
export { generateWebhookSecret, type SignWebhookInput, signWebhook, WebhookSecret } from "./sign-webhook";
