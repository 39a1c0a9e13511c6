import { AppError, getRequest } from "@countersign/approvals";
import type { App } from "@slack/bolt";
import { ACTION_APPROVE, ACTION_DENY, DENY_MODAL } from "../action-ids";
import { refusalMessage } from "../refusal-messages";
import { DecisionClick, DenyModalMetadata, inputText, safeJson, teamOf, ViewSubmission } from "../slack-payloads";
import { REASON_BLOCK, renderDenyModal } from "../views/render-deny-modal";
import { type ClickOrigin, decideAndAnswer } from "./decide-and-answer";
import type { ListenerDeps } from "./listener-deps";
import { tellUser } from "./tell-user";

function originOf(click: DecisionClick): ClickOrigin {
  return {
    userId: click.user.id,
    teamId: teamOf(click),
    channelId: click.channel?.id,
    fromHome: click.view?.type === "home",
  };
}

/** Approve, Deny (a modal for the reason), and the modal's submission. Every listener acks first. */
export function registerDecisionActions(app: App, deps: ListenerDeps): void {
  app.action(ACTION_APPROVE, async ({ ack, body }) => {
    await ack();
    const click = DecisionClick.safeParse(body);
    if (!click.success) return deps.log.warn({ issues: click.error.issues }, "unreadable Approve click");
    await decideAndAnswer(deps, originOf(click.data), click.data.actions[0]!.value, { verdict: "approve" });
  });

  app.action(ACTION_DENY, async ({ ack, body }) => {
    await ack();
    const click = DecisionClick.safeParse(body);
    if (!click.success) return deps.log.warn({ issues: click.error.issues }, "unreadable Deny click");
    const origin = originOf(click.data);
    const requestId = click.data.actions[0]!.value;
    try {
      // A system read: it must never hand out the token, whoever clicked.
      const request = await getRequest(deps.engine.ctx({ type: "system", reason: "slack deny modal" }), requestId);
      if (request.status !== "pending" || new Date(request.expires_at).getTime() <= Date.now()) {
        const state = request.status === "pending" ? "expired" : request.status;
        throw new AppError("already_decided", `the request is already ${state}`);
      }
      // The trigger_id is good for 3 s from the click: open the modal before anything slower.
      await deps.web.views.open({
        trigger_id: click.data.trigger_id,
        view: renderDenyModal(request, {
          request_id: requestId,
          channel_id: origin.channelId,
          reason_required: request.deny_reason_required,
          from_home: origin.fromHome,
        }),
      });
    } catch (error) {
      await tellUser(deps, origin, refusalMessage(error));
    }
  });

  app.view(DENY_MODAL, async ({ ack, body }) => {
    const submission = ViewSubmission.safeParse(body);
    const metadata = submission.success
      ? DenyModalMetadata.safeParse(safeJson(submission.data.view.private_metadata))
      : undefined;
    if (!submission.success || !metadata?.success) {
      await ack();
      return deps.log.warn("unreadable deny modal submission");
    }
    const reason = inputText(submission.data, REASON_BLOCK);
    if (metadata.data.reason_required && !reason) {
      await ack({ response_action: "errors", errors: { [REASON_BLOCK]: "This rule requires a reason to deny." } });
      return;
    }
    await ack();
    const origin: ClickOrigin = {
      userId: submission.data.user.id,
      teamId: teamOf(submission.data),
      channelId: metadata.data.channel_id,
      fromHome: metadata.data.from_home,
    };
    await decideAndAnswer(deps, origin, metadata.data.request_id, { verdict: "deny", reason });
  });
}
