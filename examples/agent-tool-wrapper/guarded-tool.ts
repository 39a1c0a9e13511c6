import {
  type ApprovalOutcome,
  type CountersignClient,
  type JsonObject,
  paramsDigest,
  type Requester,
} from "@countersign/client";

export interface GuardOptions<Args extends object, Result> {
  client: CountersignClient;
  /** The policy action, e.g. `db.export`. */
  action: string;
  requester: Requester;
  resource?: string | ((args: Args) => string | undefined);
  environment?: string;
  /** Shown to approvers; the agent's own explanation of why it wants this. */
  reason?: (args: Args) => string | undefined;
  /** How long the agent waits for a human (default: until the request expires). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** What the agent gets back when it is not approved; by default an ApprovalNotGrantedError is thrown. */
  onRejected?: (outcome: Exclude<ApprovalOutcome, { status: "approved" }>) => Result | Promise<Result>;
}

export class ApprovalNotGrantedError extends Error {
  override readonly name = "ApprovalNotGrantedError";
  constructor(readonly outcome: ApprovalOutcome) {
    super(`${outcome.request.action} was not approved: ${outcome.status}`);
  }
}

/**
 * Puts a tool behind a human approval: the tool's exact arguments are the request's `params`,
 * the call waits for the decision, the token is redeemed bound to those arguments, and only then
 * does the tool run, with the arguments that were approved.
 */
export function guardedTool<Args extends object, Result>(
  tool: (args: Args) => Promise<Result>,
  options: GuardOptions<Args, Result>,
): (args: Args) => Promise<Result> {
  const { client } = options;
  return async (args) => {
    // The agent may keep (and change) its argument object while a human decides: run exactly what was shown.
    const approvedArgs = JSON.parse(JSON.stringify(args)) as Args;
    const outcome = await client.requestApproval({
      action: options.action,
      requester: options.requester,
      resource: typeof options.resource === "function" ? options.resource(approvedArgs) : options.resource,
      environment: options.environment,
      reason: options.reason?.(approvedArgs),
      params: approvedArgs as JsonObject,
      wait: { timeoutMs: options.timeoutMs, signal: options.signal },
    });
    if (outcome.status !== "approved") {
      if (options.onRejected) return options.onRejected(outcome);
      throw new ApprovalNotGrantedError(outcome);
    }
    if (!outcome.token) throw new Error(`${outcome.request.id} was approved, but its token went to another reader`);
    // Redeem before running: redemption is the check that these exact arguments were approved, and it works once.
    await client.redeem(outcome.token, { paramsDigest: paramsDigest(approvedArgs) });
    return tool(approvedArgs);
  };
}
