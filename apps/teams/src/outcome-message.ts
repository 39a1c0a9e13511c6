import type { RequestView } from "@countersign/approvals";

const VERBS: Record<string, string> = {
  "request.approved": "was **approved**",
  "request.denied": "was **denied**",
  "request.expired": "**expired** before enough approvals",
  "request.cancelled": "was **cancelled**",
};

/** What a requester who asked from Teams is told when their request is final (never a token). */
export function outcomeMessage(view: RequestView, event: string): string {
  const what = `${view.action}${view.resource ? ` on ${view.resource}` : ""}`;
  const lines = [`Your request ${view.id} (${what}) ${VERBS[event] ?? `changed: ${view.status}`}.`];
  for (const d of view.decisions) {
    lines.push(
      `- ${d.approver} ${d.verdict === "approve" ? "approved" : "denied"}${d.reason ? `: "${d.reason}"` : ""}`,
    );
  }
  return lines.join("\n");
}
