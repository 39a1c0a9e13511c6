import { sql, type Table } from "drizzle-orm";
import { type Db, queryRowsPrepared, type StatementTemplate } from "../store/database";
import { dbRecord, insertRecords } from "../store/json-record";
import { auditPending, outbox, requests } from "../store/schema";

export interface PendingInsert {
  request: typeof requests.$inferInsert & { dedupeKey: string };
  audit: (typeof auditPending.$inferInsert)[];
  outbox: (typeof outbox.$inferInsert)[];
  /** The key the request came with: it must still be live when the row is written. */
  apiKeyId: string | null;
  maxPendingPerRequester: number;
}

export type PendingInsertOutcome =
  | { kind: "created" }
  | { kind: "key_revoked" }
  /** An identical request is pending (the insert met it in the unique index), or the requester is at the cap. */
  | { kind: "not_created"; pending: number };

/** Which columns each table's rows set ([] when the table gets no row): all the statement's text depends on. */
interface Shape {
  request: string[];
  audit: string[];
  outbox: string[];
}

/**
 * Writes a new pending request with its audit event and its outbox rows in one statement, which is
 * its own transaction: every ingest pays one round trip to Postgres instead of seven. The same
 * statement refuses a revoked key or a requester at the cap, and meets an identical pending request
 * in the unique index; in those cases nothing is written.
 *
 * The identical request is not looked up here: a lookup by dedupe key among pending rows can be
 * planned on either partial index over pending rows, and a generic plan made while the table was
 * small took the requester one and filtered every pending row on each ingest (Postgres CPU per
 * request grew with the backlog). The conflict check always uses the unique index.
 *
 * Each table's rows travel as one JSON parameter, so the statement's text depends only on the
 * shape; it is built once per shape (building it through drizzle on every ingest was a tenth of the
 * API's CPU under load).
 */
export async function insertPendingRequest(db: Db, input: PendingInsert): Promise<PendingInsertOutcome> {
  const { request } = input;
  const rows = {
    request: [dbRecord(requests, request)],
    audit: input.audit.map((a) => dbRecord(auditPending, a)),
    outbox: input.outbox.map((o) => dbRecord(outbox, o)),
  };
  const shape: Shape = {
    request: columnsOf(rows.request),
    audit: columnsOf(rows.audit),
    outbox: columnsOf(rows.outbox),
  };
  const [row] = await queryRowsPrepared<{ key_ok: boolean; pending: number; created_id: string | null }>(
    db,
    `insert-pending-request:${shape.request}:${shape.audit}:${shape.outbox}`,
    pendingInsertStatement(shape),
    {
      apiKeyId: input.apiKeyId,
      requesterType: request.requesterType,
      requesterId: request.requesterId,
      maxPending: input.maxPendingPerRequester,
      request: JSON.stringify(rows.request),
      audit: JSON.stringify(rows.audit),
      outbox: JSON.stringify(rows.outbox),
    },
  );
  if (!row?.key_ok) return { kind: "key_revoked" };
  if (row.created_id) return { kind: "created" };
  return { kind: "not_created", pending: row.pending };
}

/** The columns a table's records set, from the first (records of one insert all set the same ones). */
const columnsOf = (records: Record<string, unknown>[]) => Object.keys(records[0] ?? {});

function pendingInsertStatement(shape: Shape): StatementTemplate {
  return (value) => {
    const mayCreate = sql`(select ok from live_key) and (select n from waiting) < ${value("maxPending")}`;
    // The audit event and the outbox rows are written only along with the request.
    const alongside = (name: string, table: Table, columns: string[]) =>
      columns.length === 0
        ? sql``
        : sql`, ${sql.raw(name)} as (${insertRecords(table, columns, value(name), sql`exists (select 1 from created)`)})`;
    return sql`with live_key as (
      select ${value("apiKeyId")}::text is null
        or exists (select 1 from api_keys where id = ${value("apiKeyId")} and revoked_at is null) as ok
    ), waiting as (
      select count(*)::int as n from requests
      where status = 'pending' and requester_type = ${value("requesterType")} and requester_id = ${value("requesterId")}
    ), created as (
      ${insertRecords(requests, shape.request, value("request"), mayCreate)}
      on conflict (dedupe_key) where status = 'pending' do nothing
      returning id
    )${alongside("audit", auditPending, shape.audit)}${alongside("outbox", outbox, shape.outbox)}
    select (select ok from live_key) as key_ok, (select n from waiting) as pending,
      (select id from created) as created_id`;
  };
}
