import { Command, CommanderError } from "commander";
import { registerAuditCommands } from "./audit-commands";
import { registerChannelsCommands } from "./channels-commands";
import { registerClientCommands } from "./client-commands";
import { registerKeyCommands } from "./key-commands";
import { fail } from "./output";
import { registerPolicyCommands } from "./policy-commands";
import { registerServeCommands } from "./serve-commands";

const program = new Command("countersign")
  .description("The approval layer between AI agents, pipelines and production.")
  .showHelpAfterError()
  .exitOverride();

registerServeCommands(program);
registerKeyCommands(program);
registerPolicyCommands(program);
registerClientCommands(program);
registerAuditCommands(program);
registerChannelsCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  fail(error);
}
