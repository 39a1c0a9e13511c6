import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Database,
  openDatabase,
  queryRows,
  queryRowsPrepared,
  type StatementTemplate,
} from "@countersign/approvals";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_DATABASE_URL } from "./support/services";

// The statement every ingest runs is built once per shape and prepared by name (insert-pending-request.ts).
const sum: StatementTemplate = (value) =>
  sql`select ${value("a")}::int + ${value("b")}::int as total, ${value("a")}::int as a`;

describe("queryRowsPrepared", () => {
  let database: Database;
  beforeAll(async () => {
    // One connection, so every call below runs on the same backend and its prepared statements.
    database = await openDatabase({ url: ADMIN_DATABASE_URL, poolSize: 1 });
  });
  afterAll(() => database.close());

  it("binds each call's own values, a name used twice included, and prepares the text once", async () => {
    const key = `test-sum-${Date.now()}`;
    expect(await queryRowsPrepared(database.db, key, sum, { a: 1, b: 2 })).toEqual([{ total: 3, a: 1 }]);
    expect(await queryRowsPrepared(database.db, key, sum, { a: 40, b: 2 })).toEqual([{ total: 42, a: 40 }]);
    const prepared = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from pg_prepared_statements where statement like 'select $1::int + $2::int%'`,
    );
    expect(prepared).toEqual([{ n: 1 }]);
  });

  it("refuses a template with a value that is not one of its placeholders, before running anything", async () => {
    const literal: StatementTemplate = (value) => sql`select ${value("a")}::int + ${7}::int as total`;
    await expect(queryRowsPrepared(database.db, `test-literal-${Date.now()}`, literal, { a: 1 })).rejects.toThrow(
      /a value is not a placeholder/,
    );
  });

  it("on the embedded database, renders the template with the values", async () => {
    const dir = mkdtempSync(join(tmpdir(), "countersign-prepared-"));
    const embedded = await openDatabase({ pgliteDir: dir });
    try {
      expect(await queryRowsPrepared(embedded.db, "test-sum-embedded", sum, { a: 5, b: 6 })).toEqual([
        { total: 11, a: 5 },
      ]);
    } finally {
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
