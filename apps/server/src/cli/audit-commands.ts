import { createWriteStream } from "node:fs";
import { verifyAuditChain } from "@countersign/approvals";
import { listAudit } from "@countersign/approvals/actions/list-audit";
import type { Command } from "commander";
import { CliError, print } from "./output";
import { cliActor, withEngine } from "./with-engine";

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("check and export the tamper-evident audit trail");
  audit
    .command("verify")
    .description("check the hash chain; exit 1 naming the first altered or missing row")
    .option("--json", "machine-readable output")
    .action(async (options: { json?: boolean }) => {
      const result = await withEngine((engine) => verifyAuditChain(engine.db));
      if (!result.ok) {
        throw new CliError(
          `audit verify: FAILED after ${result.checked} good rows: ${result.firstBreak?.message}`,
          1,
          result,
        );
      }
      print(options, result, () => `audit verify: OK, ${result.checked} rows, chain intact`);
    });
  audit
    .command("export")
    .description("write the audit trail as JSON lines (stdout, or --output FILE)")
    .option("--after <seq>", "start after this sequence number", "0")
    .option("--output <file>", "write to a file instead of stdout")
    .action(async (options: { after: string; output?: string }) => {
      const out = options.output ? createWriteStream(options.output) : process.stdout;
      let after = Number.parseInt(options.after, 10);
      if (!Number.isInteger(after) || after < 0) throw new CliError("--after must be a whole number");
      await withEngine(async (engine) => {
        for (;;) {
          const page = await listAudit(engine.ctx(cliActor()), { after, limit: 1000 });
          for (const item of page.items) out.write(`${JSON.stringify(item)}\n`);
          if (page.next_after === null) break;
          after = page.next_after;
        }
      });
      if (out !== process.stdout)
        await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(() => resolve()));
    });
}
