import { createEngine, deriveSecretKeys, type Engine } from "@countersign/approvals";
import { createMasker } from "@countersign/masking";
import pino from "pino";
import { type Config, loadConfig } from "../config";
import { createLogger } from "../logger";
import { openStore } from "../open-store";
import { resolveSecretKey } from "../secret-key";

/** For commands that work on the database directly (keys, migrate, audit). */
export async function withEngine<T>(run: (engine: Engine, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  // stdout is the command's answer (--json); anything the engine logs goes to stderr.
  const log = createLogger(process.env.LOG_LEVEL ?? "warn", undefined, pino.destination(2));
  const keys = deriveSecretKeys(resolveSecretKey(config.COUNTERSIGN_SECRET_KEY, config.COUNTERSIGN_DATA_DIR, log));
  const database = await openStore(config);
  const engine = createEngine({
    db: database.db,
    log,
    env: {
      policy: () => {
        throw new Error("this command does not evaluate policy");
      },
      masker: createMasker({ fingerprintKey: keys.fingerprint }),
      keys,
      allowPrivateCallbacks: config.CALLBACK_ALLOW_PRIVATE,
    },
  });
  try {
    return await run(engine, config);
  } finally {
    await database.close();
  }
}

export function cliActor() {
  return { type: "cli" as const, user: process.env.USER ?? process.env.USERNAME ?? "unknown" };
}
