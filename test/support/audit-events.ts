import type { TestServer } from "./start-test-server";

export type AuditEvent = { seq: number; type: string; request_id: string | null; data: Record<string, unknown> };
type AuditPage = { items: AuditEvent[]; next_after: number | null };

/** Every audit event of the server, oldest first, read page by page over the API. */
export async function allAuditEvents(t: TestServer): Promise<AuditEvent[]> {
  const reader = await t.createKey(["audit:read"]);
  const events: AuditEvent[] = [];
  let after: number | null = 0;
  while (after !== null) {
    const page: { body: AuditPage } = await t.api(reader.key)<AuditPage>("GET", `/v1/audit?after=${after}&limit=1000`);
    events.push(...page.body.items);
    after = page.body.next_after;
  }
  return events;
}

/** Every audit event of one request, oldest first. */
export async function auditOf(t: TestServer, requestId: string): Promise<AuditEvent[]> {
  return (await allAuditEvents(t)).filter((e) => e.request_id === requestId);
}
