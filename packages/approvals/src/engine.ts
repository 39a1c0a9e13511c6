import type { Logger } from "pino";
import type { Actor, Ctx, EngineEnv } from "./context";
import type { Db } from "./store/database";

export interface Engine {
  db: Db;
  env: EngineEnv;
  log: Logger;
  /** The context for one action, naming who acts. */
  ctx(actor: Actor, now?: Date): Ctx;
}

export function createEngine(options: { db: Db; env: EngineEnv; log: Logger }): Engine {
  return {
    ...options,
    ctx: (actor, now = new Date()) => ({ actor, db: options.db, env: options.env, log: options.log, now }),
  };
}
