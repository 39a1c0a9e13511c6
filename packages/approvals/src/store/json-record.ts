import { getTableColumns, getTableName, type SQL, sql, type Table } from "drizzle-orm";

/**
 * A row keyed by the database's own column names, for `jsonb_populate_record(set)`: a statement
 * that inserts into several tables at once takes each table's rows as one JSON parameter.
 * Dates become ISO text, arrays and objects stay JSON; columns left undefined get their defaults.
 */
export function dbRecord<T extends Table>(table: T, values: T["$inferInsert"]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, name] of columnNames(table)) {
    const value = (values as Record<string, unknown>)[key];
    if (value !== undefined) record[name] = value;
  }
  return record;
}

/**
 * `insert into t (cols) select cols from jsonb_populate_recordset(null::t, <rows>) [where …]`, where
 * `rows` is the JSON text of records that set exactly `columns`.
 */
export function insertRecords(table: Table, columns: string[], rows: unknown, where?: SQL): SQL {
  const names = sql.raw(columns.map(quote).join(", "));
  const name = sql.raw(quote(getTableName(table)));
  const source = sql`jsonb_populate_recordset(null::${name}, ${rows}::jsonb)`;
  return sql`insert into ${name} (${names}) select ${names} from ${source}${where ? sql` where ${where}` : sql``}`;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

const namesByTable = new WeakMap<Table, [string, string][]>();
function columnNames(table: Table): [string, string][] {
  let names = namesByTable.get(table);
  if (!names) {
    names = Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name]);
    namesByTable.set(table, names);
  }
  return names;
}
