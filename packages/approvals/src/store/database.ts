import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { is, Placeholder, type SQL, sql } from "drizzle-orm";
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Pool, QueryResultRow } from "pg";
import { releaseClientsOnFailedBegin } from "./release-on-failed-begin";
import * as schema from "./schema";

/** The drizzle database, over node-postgres or embedded PGlite; transactions have the same type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  /** Runs the committed migrations in migrations/. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL("../../../../migrations", import.meta.url));

export interface OpenDatabaseOptions {
  /** Postgres connection string; without it the embedded PGlite in `pgliteDir` is used. */
  url?: string;
  pgliteDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  if (!options.pgliteDir) throw new Error("openDatabase: either url or pgliteDir is required");
  return openPglite(options.pgliteDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  // Connections are kept once open (min = max; node-postgres closes idle ones after 10 s by default):
  // a fresh backend loads its catalog caches and re-prepares the ingest statement, and after a lull
  // of 10 s the first burst waited for ten of those at once (up to a second on 2 cores, bench/ingest).
  const pool = new pg.Pool({ connectionString: url, max, min: max });
  // An idle client losing its connection (Postgres restart) must not crash the process.
  pool.on("error", () => {});
  // Nor one checked out between two queries (inside a transaction): the pool only listens to idle ones,
  // so without this an 'error' event nobody handles kills the process; the query in flight still fails.
  pool.on("connect", (client) => client.on("error", () => {}));
  releaseClientsOnFailedBegin(pool);
  const db = drizzle({ client: pool, schema });
  pools.set(db as unknown as Db, pool);
  return {
    db: db as unknown as Db,
    kind: "postgres",
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => pool.end(),
  };
}

async function openPglite(dir: string): Promise<Database> {
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create(dir);
  const db = drizzle({ client, schema });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

/** Rows of a raw SQL query; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const pools = new WeakMap<Db, Pool>();
const dialect = new PgDialect();

/** A statement's text, its name for Postgres, and which value goes in each of its parameters. */
interface PreparedText {
  name: string;
  text: string;
  params: string[];
}
const preparedTexts = new Map<string, PreparedText>();

/** Renders a statement whose every value comes from `value(name)`. */
export type StatementTemplate = (value: (name: string) => unknown) => SQL;

/**
 * Rows of a statement run on every request. On Postgres its text is built once per `key` (the
 * template rendered with placeholders) and it runs as a named prepared statement: no query building
 * per call, and Postgres parses and plans it once per connection. `key` must name everything the
 * text depends on besides `values`. Elsewhere (PGlite, or a transaction's handle, which has no pool
 * of its own here) the template is rendered with the values and run as an ordinary query.
 */
export async function queryRowsPrepared<T>(
  db: Db,
  key: string,
  template: StatementTemplate,
  values: Record<string, unknown>,
): Promise<T[]> {
  const pool = pools.get(db);
  if (!pool) return queryRows(db, template(fromValues(values)));
  const statement = preparedTexts.get(key) ?? prepareText(key, template);
  const result = await pool.query<T & QueryResultRow>({
    name: statement.name,
    text: statement.text,
    values: statement.params.map((name) => values[name]),
  });
  return result.rows;
}

const fromValues = (values: Record<string, unknown>) => (name: string) => values[name];

function prepareText(key: string, template: StatementTemplate): PreparedText {
  const { sql: text, params } = dialect.sqlToQuery(template((name) => sql.placeholder(name)));
  const names = params.map((param) => {
    if (!is(param, Placeholder)) throw new Error(`statement ${key}: a value is not a placeholder`);
    return param.name;
  });
  const statement = { name: `cs_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`, text, params: names };
  // Keys come from a handful of statement shapes; the bound keeps a bug from growing it without end.
  if (preparedTexts.size < 256) preparedTexts.set(key, statement);
  return statement;
}
