import { randomBytes } from "node:crypto";
import { adminQuery, createMigratedDatabase } from "../../test/support/services";

// Benchmarks use the machine's Postgres and Redis (like `npm test`), on a database and a queue
// prefix of their own, and never flush or restart anything.
export const ADMIN_DATABASE_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one benchmark run. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `countersign_bench_${randomBytes(4).toString("hex")}`;
  const url = await createMigratedDatabase(name, ADMIN_DATABASE_URL);
  return { url, drop: () => adminQuery(`drop database if exists ${name} with (force)`, ADMIN_DATABASE_URL) };
}

export const benchPrefix = (what: string) => `cs-bench-${what}-${randomBytes(3).toString("hex")}`;

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
