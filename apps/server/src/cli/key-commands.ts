import { CreateApiKeyInput, createApiKey, revokeApiKey } from "@countersign/approvals";
import type { Command } from "commander";
import { print } from "./output";
import { cliActor, withEngine } from "./with-engine";

export function registerKeyCommands(program: Command): void {
  const keys = program.command("keys").description("create and revoke API keys");
  keys
    .command("create")
    .description("create an API key (printed once; stored only as a hash)")
    .requiredOption("--name <name>", "what the key is for")
    .requiredOption("--scopes <scopes...>", "requests:write requests:read decisions:write tokens:redeem audit:read")
    .option("--approver <email>", "the approver identity (required with decisions:write)")
    .option("--json", "machine-readable output")
    .action(async (options: { name: string; scopes: string[]; approver?: string; json?: boolean }) => {
      const input = CreateApiKeyInput.parse({
        name: options.name,
        scopes: options.scopes
          .flatMap((s) => s.split(","))
          .map((s) => s.trim())
          .filter(Boolean),
        approver: options.approver,
      });
      const created = await withEngine((engine) => createApiKey(engine.ctx(cliActor()), input));
      print(options, created, () =>
        [
          `key id:          ${created.id}`,
          `api key:         ${created.key}`,
          `signing secret:  ${created.signing_secret}`,
          `scopes:          ${created.scopes.join(" ")}`,
          ...(created.approver ? [`approver:        ${created.approver}`] : []),
          "Store the key and signing secret now: they are not shown again.",
        ].join("\n"),
      );
    });
  keys
    .command("revoke <id>")
    .description("revoke an API key by its id (key_…)")
    .option("--json", "machine-readable output")
    .action(async (id: string, options: { json?: boolean }) => {
      const result = await withEngine((engine) => revokeApiKey(engine.ctx(cliActor()), id));
      print(options, result, () => `revoked ${id}`);
    });
}
