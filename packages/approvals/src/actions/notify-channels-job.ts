import type { Ctx } from "../context";
import { RetryLaterError } from "../errors";
import { loadDecisions, loadRequest } from "./load-request";
import type { JobOutcome, OutboxRow } from "./outbox-job";
import { presentRequest, type RequestView } from "./present-request";

export type NotifyTarget =
  /** A channel named in the policy: post the card there, or update the copy already posted. */
  | { type: "channel"; name: string; config: unknown }
  /** The human who asked from chat (request.origin): tell them the outcome. */
  | { type: "requester"; origin: Record<string, unknown> };

export interface NotifyInput {
  target: NotifyTarget;
  request: RequestView & { origin: Record<string, unknown> | null };
  /**
   * `request.created`, `request.decision`, `request.approved`, `request.denied`, `request.expired`,
   * `request.cancelled`, `request.escalated` (update the card; post it where it is new) and
   * `request.reminder` (nudge the approvers who have not decided; only ever sent while pending).
   */
  event: string;
}

/** A chat platform that shows request cards (apps/slack, apps/teams implement it). */
export interface ChannelNotifier {
  kind: "slack" | "teams";
  /** Throws RetryLaterError to be tried again after a delay (a 429), anything else to be retried with backoff. */
  publish(ctx: Ctx, input: NotifyInput): Promise<void>;
}

type NotifyPayload = { event: string; target: { type: "channel"; name: string } | { type: "requester" } };

/** Posts or updates one request's card in one place, or tells its chat requester the outcome. */
export async function notifyChannelsJob(ctx: Ctx, row: OutboxRow, notifiers: ChannelNotifier[]): Promise<JobOutcome> {
  if (!row.requestId) return { status: "dead", error: "notification without a request" };
  const payload = row.payload as NotifyPayload;
  const request = await loadRequest(ctx.db, row.requestId);
  const view = {
    ...presentRequest(request, await loadDecisions(ctx.db, request.id)),
    origin: request.origin as Record<string, unknown> | null,
  };

  // A reminder queued just before a decision must not nudge anyone about a request that is over.
  if (payload.event === "request.reminder" && view.status !== "pending") return { status: "done" };

  if (payload.target.type === "requester") {
    const origin = view.origin;
    const notifier = notifiers.find((n) => n.kind === origin?.platform);
    if (!origin || !notifier) return { status: "done" };
    await publishCounted(ctx, notifier, { target: { type: "requester", origin }, request: view, event: payload.event });
    return { status: "done" };
  }

  const name = payload.target.name;
  const config = ctx.env.policy().policy.channels?.[name] as Record<string, unknown> | undefined;
  const notifier = config && notifiers.find((n) => n.kind in config);
  if (!config || !notifier) {
    ctx.log.warn({ request_id: request.id, channel: name }, "no chat platform is configured for this policy channel");
    return { status: "done" };
  }
  await publishCounted(ctx, notifier, {
    target: { type: "channel", name, config: config[notifier.kind] },
    request: view,
    event: payload.event,
  });
  return { status: "done" };
}

/** Publishes, counting the platform's failures for /metrics; the error still goes to the queue. */
async function publishCounted(ctx: Ctx, notifier: ChannelNotifier, input: NotifyInput): Promise<void> {
  try {
    await notifier.publish(ctx, input);
  } catch (error) {
    ctx.env.metrics?.chatError(notifier.kind, error instanceof RetryLaterError ? "rate_limited" : "error");
    throw error;
  }
}
