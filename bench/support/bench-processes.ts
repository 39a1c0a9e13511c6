import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runCli } from "../../test/support/run-cli";

export { type ServeProcess, startServeProcess } from "../../test/support/serve-process";

/** A TypeScript file of the benchmarks in its own process, resolved once it prints `{ msg: started }`. */
export async function startTsProcess(
  file: string,
  env: Record<string, string>,
  started: string,
): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(file)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      for (const line of buffered.split("\n")) {
        if (line.includes(started)) resolve(String((JSON.parse(line) as { url: string }).url));
      }
    });
    child.on("exit", (code) => reject(new Error(`${file} exited ${code}`)));
  });
  return {
    child,
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** `countersign keys create … --json`, as an operator would. */
export async function createKey(env: Record<string, string>, scopes: string[], approver?: string) {
  const args = ["keys", "create", "--name", `bench ${scopes.join(" ")}`, "--scopes", ...scopes, "--json"];
  if (approver) args.push("--approver", approver);
  const result = await runCli(args, env);
  if (result.code !== 0) throw new Error(`keys create failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { id: string; key: string; signing_secret: string };
}
