// Names Slack echoes back in interaction payloads; the manifest and the tests rely on them.
export const ACTION_APPROVE = "countersign_approve";
export const ACTION_DENY = "countersign_deny";
export const DENY_MODAL = "countersign_deny_modal";
export const REQUEST_MODAL = "countersign_request_modal";
export const SLASH_COMMAND = "/countersign";

/** Request ids as the engine makes them; a button value is nothing else. */
export const REQUEST_ID = /^req_[A-Za-z0-9_-]{1,64}$/;
