import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { CLI, REPO_ROOT } from "./run-cli";

export interface ServeProcess {
  child: ChildProcess;
  /** The HTTP listener, when the roles include one. */
  url: string | null;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  stderr(): string;
  /** Sends a signal; resolves with the exit code (or the signal's name) once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
  exited: Promise<number | string | null>;
}

/** `countersign serve --roles …` in its own process, resolved once it logs that it started. */
export async function startServeProcess(
  roles: string,
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, "serve", "--roles", roles], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const part of parts) {
      try {
        logs.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        logs.push({ msg: part });
      }
    }
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal)),
  );
  const deadline = Date.now() + timeoutMs;
  let started: Record<string, unknown> | undefined;
  while (!started) {
    started = logs.find((l) => l.msg === "countersign started");
    if (started) break;
    if (child.exitCode !== null) throw new Error(`serve --roles ${roles} exited ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`serve --roles ${roles} did not start in time: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    url: typeof started.url === "string" ? started.url : null,
    logs,
    stderr: () => stderr,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    exited,
  };
}

/**
 * The environment of `serve` processes that several tests start on one database and Redis: a
 * fresh secret key, private callbacks allowed, rate limits out of the way. `extra` adds to it.
 */
export function serveProcessEnv(options: {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  policy: string;
  logLevel: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    COUNTERSIGN_QUEUE_PREFIX: options.prefix,
    COUNTERSIGN_SECRET_KEY: randomBytes(32).toString("base64"),
    COUNTERSIGN_POLICY: options.policy,
    CALLBACK_ALLOW_PRIVATE: "true",
    COUNTERSIGN_RATE_LIMIT_PER_MINUTE: "1000000",
    COUNTERSIGN_MAX_PENDING_PER_REQUESTER: "1000000",
    PORT: "0",
    LOG_LEVEL: options.logLevel,
    ...options.extra,
  };
}
