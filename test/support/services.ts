import { execSync } from "node:child_process";
import { openDatabase } from "@countersign/approvals";
import { Redis } from "ioredis";
import pg from "pg";

export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';

async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function redisUp(): Promise<boolean> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Starts Postgres and Redis when they are down (the machine's own services, as in CI). */
export async function ensureServices(): Promise<void> {
  if (!(await postgresUp())) execSync(START_POSTGRES, { stdio: "inherit", shell: "/bin/bash" });
  if (!(await redisUp())) execSync(START_REDIS, { stdio: "inherit", shell: "/bin/bash" });
  for (let i = 0; i < 50 && !((await postgresUp()) && (await redisUp())); i++)
    await new Promise((r) => setTimeout(r, 200));
}

/** Runs one statement on the admin database (create or drop a database). */
export async function adminQuery(query: string, adminUrl = ADMIN_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** The connection string of another database on the admin database's server. */
export function databaseUrl(name: string, adminUrl = ADMIN_DATABASE_URL): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates a database and applies the committed migrations to it; returns its connection string. */
export async function createMigratedDatabase(name: string, adminUrl = ADMIN_DATABASE_URL): Promise<string> {
  await adminQuery(`create database ${name}`, adminUrl);
  const url = databaseUrl(name, adminUrl);
  const database = await openDatabase({ url, poolSize: 1 });
  await database.migrate();
  await database.close();
  return url;
}
