import { readdirSync, readFileSync } from "node:fs";

// CPU time from /proc (Linux): what a run cost, per request, in the process under test and in
// the Postgres backends serving its database. Throughput on a shared 2-core machine varies from
// run to run; CPU per request says where the time goes and varies much less.

const read = (path: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
};

/** User + system CPU seconds of one process so far (0 once it is gone). */
export function cpuSeconds(pid: number | string): number {
  const fields = read(`/proc/${pid}/stat`).split(") ")[1]?.split(" ");
  if (!fields) return 0;
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Per process id, the CPU seconds of the Postgres backends connected to `database`. */
export function postgresBackends(database: string): Map<string, number> {
  const backends = new Map<string, number>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid) || read(`/proc/${pid}/comm`).trim() !== "postgres") continue;
    if (read(`/proc/${pid}/cmdline`).includes(` ${database} `)) backends.set(pid, cpuSeconds(pid));
  }
  return backends;
}

/** Measures CPU ms per request of a process and of its database's backends around `run`. */
export async function cpuPerRequest<T extends { total: number }>(
  pid: number,
  database: string,
  run: () => Promise<T>,
): Promise<T & { cpuMs: { process: number; postgres: number } }> {
  const processBefore = cpuSeconds(pid);
  const backendsBefore = postgresBackends(database);
  const result = await run();
  const processMs = (cpuSeconds(pid) - processBefore) * 1000;
  let postgresMs = 0;
  for (const [backend, seconds] of postgresBackends(database)) {
    postgresMs += (seconds - (backendsBefore.get(backend) ?? 0)) * 1000;
  }
  const n = Math.max(1, result.total);
  return { ...result, cpuMs: { process: processMs / n, postgres: postgresMs / n } };
}
