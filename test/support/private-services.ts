import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { createMigratedDatabase } from "./services";

// Fault tests break their services on purpose (FLUSHALL, restarts, SIGKILL), so they get private
// instances: the shared Postgres and Redis serve every other test file running in parallel.

const PG_BIN = "/usr/lib/postgresql/15/bin";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** A client of its own (not for BullMQ), for FLUSHALL and inspection. */
  admin: Redis;
  /** Stops the server (SIGKILL when `hard`); `start()` brings it back on the same port, empty. */
  stop(hard?: boolean): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A redis-server of its own on a free port, no persistence: a restart loses everything. */
export async function startPrivateRedis(extraArgs: string[] = []): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const ping = async () => {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => {});
    try {
      await probe.connect();
      return (await probe.ping()) === "PONG";
    } finally {
      probe.disconnect();
    }
  };
  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"].concat(
        extraArgs,
      ),
      { stdio: "ignore" },
    );
    await until(`redis-server on ${port}`, ping);
  };
  const stop = async (hard = false) => {
    const running = child;
    child = null;
    if (!running) return;
    running.kill(hard ? "SIGKILL" : "SIGTERM");
    await exited(running);
  };
  await start();
  const admin = new Redis(url, { maxRetriesPerRequest: null });
  admin.on("error", () => {});
  return {
    url,
    port,
    admin,
    stop,
    start,
    close: async () => {
      admin.disconnect();
      await stop(true);
    },
  };
}

export interface PrivatePostgres {
  /** The migrated database `countersign` on this cluster. */
  url: string;
  port: number;
  /** Stops the cluster (fast shutdown: every connection is cut) and starts it again; data is kept. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A Postgres cluster of its own (initdb into a temp dir, run as the postgres user), migrated. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "cs-pg-"));
  const data = join(dir, "data");
  // initdb and postgres refuse to run as root: run them as the postgres user when we are root.
  const asPostgres: { uid?: number; gid?: number } = process.getuid?.() === 0 ? postgresUser() : {};
  if (asPostgres.uid !== undefined && asPostgres.gid !== undefined) {
    chownSync(dir, asPostgres.uid, asPostgres.gid);
    chmodSync(dir, 0o700);
  }
  execFileSync(`${PG_BIN}/initdb`, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], {
    stdio: "ignore",
    ...asPostgres,
  });
  let child: ChildProcess | null = null;
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const ready = async () => {
    const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 1000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } finally {
      await client.end().catch(() => {});
    }
  };
  const start = async () => {
    child = spawn(
      `${PG_BIN}/postgres`,
      [
        "-D",
        data,
        "-p",
        String(port),
        "-k",
        dir,
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=200",
      ],
      { stdio: "ignore", ...asPostgres },
    );
    await until(`postgres on ${port}`, ready, 30_000);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running) return;
    running.kill("SIGINT"); // fast shutdown: open connections are terminated, like a restart in production
    await exited(running);
  };
  await start();
  const url = await createMigratedDatabase("countersign", admin);
  return {
    url,
    port,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}
