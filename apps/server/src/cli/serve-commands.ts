import type { Command } from "commander";
import { loadConfig } from "../config";
import { createLogger } from "../logger";
import { openStore } from "../open-store";
import { ROLES, type Role, serve } from "../serve";
import { print } from "./output";

export function registerServeCommands(program: Command): void {
  program
    .command("serve")
    .description("start the HTTP API, queue workers and chat channels")
    .option("--roles <roles>", `comma-separated subset of ${ROLES.join(",")}`, ROLES.join(","))
    .action(async (options: { roles: string }) => {
      const roles = options.roles
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean);
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length) throw new Error(`unknown role(s): ${unknown.join(", ")}; choose from ${ROLES.join(", ")}`);
      const config = loadConfig(process.env);
      const log = createLogger(config.LOG_LEVEL);
      const server = await serve({ config, roles: roles as Role[] });
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, "shutting down: draining requests and jobs in hand");
        await server.close();
        process.exit(0);
      };
      process.on("SIGTERM", () => void stop("SIGTERM"));
      process.on("SIGINT", () => void stop("SIGINT"));
    });

  program
    .command("migrate")
    .description("apply the database migrations")
    .option("--json", "machine-readable output")
    .action(async (options: { json?: boolean }) => {
      const config = loadConfig(process.env);
      const database = await openStore(config);
      await database.close();
      print(options, { migrated: true, database: database.kind }, () => `migrations applied (${database.kind})`);
    });
}
