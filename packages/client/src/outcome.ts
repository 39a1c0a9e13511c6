import type { RequestView } from "./types";

/** Approved. `token` is null only when it went elsewhere: to your callback URL, or to an earlier read with the same key. */
export interface ApprovedOutcome {
  status: "approved";
  token: string | null;
  tokenExpiresAt: string | null;
  request: RequestView;
}

/** Final without approval: an approver or the policy denied it, nobody decided in time, or it was withdrawn. */
export interface RejectedOutcome {
  status: "denied" | "expired" | "cancelled";
  request: RequestView;
}

/** Still pending: `timeout` when the wait ran out, `pending` when asked not to wait. */
export interface UndecidedOutcome {
  status: "timeout" | "pending";
  request: RequestView;
}

export type ApprovalOutcome = ApprovedOutcome | RejectedOutcome | UndecidedOutcome;

export function toOutcome(
  request: RequestView,
  waited: boolean,
  token?: { token?: string; token_expires_at?: string },
): ApprovalOutcome {
  const { status } = request;
  if (status === "pending") return { status: waited ? "timeout" : "pending", request };
  if (status !== "approved") return { status, request };
  const carrier = request.token ? request : token;
  return {
    status,
    token: carrier?.token ?? null,
    tokenExpiresAt: carrier?.token_expires_at ?? null,
    request,
  };
}
