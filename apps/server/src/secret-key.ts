import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";

/** COUNTERSIGN_SECRET_KEY, or in development a key generated once into the data dir. */
export function resolveSecretKey(configured: string | undefined, dataDir: string, log?: Logger): Buffer {
  if (configured) return Buffer.from(configured, "base64");
  const path = join(dataDir, "secret.key");
  try {
    return Buffer.from(readFileSync(path, "utf8").trim(), "base64");
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32).toString("base64");
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: "wx" });
    log?.warn({ path }, "COUNTERSIGN_SECRET_KEY is not set: generated a development key (set it in production)");
    return Buffer.from(key, "base64");
  }
}
