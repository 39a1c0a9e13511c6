import { ZodError } from "zod";
import { ConfigError } from "../config";
import { StartupError } from "../startup-error";

export interface OutputOptions {
  json?: boolean;
}

/** Prints a result: JSON for machines (--json), a short readable form otherwise. */
export function print(options: OutputOptions, value: unknown, human: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** One line on stderr and a non-zero exit; --json callers also get the problem on stdout. */
export function fail(error: unknown, json = process.argv.includes("--json")): never {
  if (error instanceof ZodError) {
    const lines = error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`);
    error = new CliError(`countersign: invalid input: ${lines.join("; ")}`);
  }
  const message =
    error instanceof ConfigError || error instanceof StartupError || error instanceof CliError
      ? error.message
      : `countersign: ${(error as Error)?.message ?? String(error)}`;
  if (json && error instanceof CliError && error.body) process.stdout.write(`${JSON.stringify(error.body, null, 2)}\n`);
  process.stderr.write(`${message}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
