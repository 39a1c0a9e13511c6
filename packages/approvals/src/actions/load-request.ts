import { asc, eq, sql } from "drizzle-orm";
import { AppError } from "../errors";
import type { Db } from "../store/database";
import { decisions, requests } from "../store/schema";

export type RequestRow = typeof requests.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;

// These two run several times in each request's life (every job and decision reads the request).
// drizzle builds a query's SQL at every execution, which was a tenth of the CPU of a request's life;
// prepared, each is built once per database handle (or transaction) that uses it, and Postgres
// parses it once per connection.
const idParam = sql.placeholder("id");
const prepareRequest = (db: Db) =>
  db.select().from(requests).where(eq(requests.id, idParam)).limit(1).prepare("cs_load_request");
const prepareDecisions = (db: Db) =>
  db
    .select()
    .from(decisions)
    .where(eq(decisions.requestId, idParam))
    .orderBy(asc(decisions.at))
    .prepare("cs_load_decisions");

/** `prepare(db)`, made once per `db`. */
function perDb<T>(prepare: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let query = made.get(db);
    if (query === undefined) {
      query = prepare(db);
      made.set(db, query);
    }
    return query;
  };
}
const requestQuery = perDb(prepareRequest);
const decisionsQuery = perDb(prepareDecisions);

export async function loadRequest(db: Db, id: string): Promise<RequestRow> {
  const [row] = await requestQuery(db).execute({ id });
  if (!row) throw new AppError("not_found", `no request ${id}`);
  return row;
}

export async function loadDecisions(db: Db, requestId: string): Promise<DecisionRow[]> {
  return decisionsQuery(db).execute({ id: requestId });
}
