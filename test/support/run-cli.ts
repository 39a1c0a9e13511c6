import { execFile, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = fileURLToPath(new URL("../../apps/server/bin/countersign.js", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `countersign …` as a user would, in its own process. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, ...env }, cwd: REPO_ROOT, timeout: timeoutMs, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `npm start` in its own process group, resolved once it logs that it started. */
export async function npmStart(env: Record<string, string | undefined>, timeoutMs = 60_000) {
  const child = spawn("npm", ["start", "--silent"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let buffered = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts);
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  let url: string | null = null;
  while (!url) {
    const started = lines.map((l) => safeJson(l)).find((l) => l?.msg === "countersign started");
    if (started) url = String(started.url);
    else if (child.exitCode !== null)
      throw new Error(`npm start exited ${child.exitCode}: ${stderr}${lines.join("\n")}`);
    else if (Date.now() > deadline) throw new Error(`npm start did not start in time: ${stderr}`);
    else await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    lines,
    stderr: () => stderr,
    /** SIGTERM to the whole group, as a process manager would; resolves with the exit code. */
    stop: async () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
      return exited;
    },
  };
}

function safeJson(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}
