import { asc, eq, sql } from "drizzle-orm";
import { AppError } from "../errors";
import type { Db } from "../store/database";
import { decisions, requests } from "../store/schema";

export type RequestRow = typeof requests.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;

// These two run several times in each request's life (every job and decision reads the request).
// drizzle builds a query's SQL at every execution, which was a tenth of the CPU of a request's life;
// prepared, they are built once per database handle (or transaction), and Postgres parses them once
// per connection.
function prepare(db: Db) {
  const id = sql.placeholder("id");
  return {
    request: db.select().from(requests).where(eq(requests.id, id)).limit(1).prepare("cs_load_request"),
    decisions: db
      .select()
      .from(decisions)
      .where(eq(decisions.requestId, id))
      .orderBy(asc(decisions.at))
      .prepare("cs_load_decisions"),
  };
}
const preparedFor = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepared(db: Db): ReturnType<typeof prepare> {
  let queries = preparedFor.get(db);
  if (!queries) {
    queries = prepare(db);
    preparedFor.set(db, queries);
  }
  return queries;
}

export async function loadRequest(db: Db, id: string): Promise<RequestRow> {
  const [row] = await prepared(db).request.execute({ id });
  if (!row) throw new AppError("not_found", `no request ${id}`);
  return row;
}

export async function loadDecisions(db: Db, requestId: string): Promise<DecisionRow[]> {
  return prepared(db).decisions.execute({ id: requestId });
}
