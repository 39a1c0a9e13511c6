import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Database, openDatabase } from "@countersign/approvals";
import type { Config } from "./config";
import { StartupError } from "./startup-error";

/** Postgres when DATABASE_URL is set, else the embedded PGlite in the data dir (one process at a time). */
export async function openStore(config: Config, options: { migrate?: boolean } = {}): Promise<Database> {
  let release = () => {};
  if (!config.DATABASE_URL) release = lockEmbedded(config.COUNTERSIGN_DATA_DIR);
  let database: Database;
  try {
    database = await openDatabase({
      url: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      pgliteDir: join(config.COUNTERSIGN_DATA_DIR, "pglite"),
    });
  } catch (error) {
    release();
    throw new StartupError(`cannot open the database: ${(error as Error).message}`);
  }
  try {
    if (options.migrate !== false) await database.migrate();
  } catch (error) {
    await database.close().catch(() => {});
    release();
    throw new StartupError(`migrations failed: ${(error as Error).message}`);
  }
  return {
    ...database,
    close: async () => {
      await database.close();
      release();
    },
  };
}

// PGlite is a single-process database: a second process opening the same directory would corrupt it.
function lockEmbedded(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "pglite.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch {
      const holder = Number.parseInt(readFileSync(path, "utf8"), 10);
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new StartupError(
          `the embedded database in ${resolve(dataDir)} is in use by process ${holder} (a running countersign); stop it first, or set DATABASE_URL to share a Postgres`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new StartupError(`cannot lock the embedded database in ${resolve(dataDir)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
