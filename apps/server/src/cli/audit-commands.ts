import { createWriteStream } from "node:fs";
import { type AuditHead, verifyAuditChain } from "@countersign/approvals";
import { listAudit } from "@countersign/approvals/actions/list-audit";
import type { Command } from "commander";
import { CliError, print } from "./output";
import { cliActor, withEngine } from "./with-engine";

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("check and export the tamper-evident audit trail");
  audit
    .command("verify")
    .description(
      "check the hash chain; exit 1 naming the first altered or missing row. Prints the head (SEQ:HASH): " +
        "kept outside the database and passed back with --expect-head, it also shows a trail cut back",
    )
    .option("--expect-head <seq:hash>", "a head printed by an earlier run: it must still be in the chain, unchanged")
    .option("--json", "machine-readable output")
    .action(async (options: { json?: boolean; expectHead?: string }) => {
      const expectHead = options.expectHead === undefined ? undefined : parseHead(options.expectHead);
      const result = await withEngine((engine) => verifyAuditChain(engine.db, { expectHead }));
      if (!result.ok) {
        throw new CliError(
          `audit verify: FAILED after ${result.checked} good rows: ${result.firstBreak?.message}`,
          1,
          result,
        );
      }
      const head = result.head ? `; head ${result.head.seq}:${result.head.hash}` : "";
      print(options, result, () => `audit verify: OK, ${result.checked} rows, chain intact${head}`);
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

/** `SEQ:HASH` as `audit verify` prints the head. */
function parseHead(text: string): AuditHead {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  if (!m) throw new CliError(`--expect-head must be SEQ:HASH as audit verify prints it (e.g. 42:${"0".repeat(64)})`);
  return { seq: Number(m[1]), hash: m[2]! };
}
