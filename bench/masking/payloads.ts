// Deterministic, realistic agent payloads: the `params` and `context` of an approval request as an
// ETL agent, a deploy pipeline or a support bot would send them. A few carry PII and credentials.

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["dana", "li", "omar", "sofia", "ken", "amara", "jonas", "priya", "mateo", "yuki"];
const WORDS =
  "the nightly export failed because the warehouse table was locked by a long running migration so we retry with a smaller batch size and notify the analytics team when the job completes".split(
    " ",
  );
const SERVICES = ["billing-api", "orders-worker", "search-indexer", "auth-gateway", "etl-runner"];

export function agentPayload(seed: number, targetBytes = 10_240): Record<string, unknown> {
  const rand = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const id = () => Math.floor(rand() * 1e9).toString(36);
  const rows: unknown[] = [];
  const logs: string[] = [];
  const payload: Record<string, unknown> = {
    resource: "postgres://prod/customers",
    reason: sentence(14),
    params: {
      table: "customers",
      columns: ["id", "email", "plan", "created_at"],
      destination: `s3://exports/${id()}/customers.csv`,
      query: `SELECT id, email, plan FROM customers WHERE created_at > now() - interval '1 day' AND region = '${pick(["eu", "us", "apac"])}' LIMIT 5000`,
      batch_size: 500,
      dry_run: false,
    },
    context: {
      ticket: `OPS-${Math.floor(rand() * 9000 + 1000)}`,
      requested_by: `${pick(FIRST)}@example.com`,
      service: pick(SERVICES),
      commit: "9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b",
      trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
      rows,
      logs,
      config: JSON.stringify({ retries: 3, timeout_ms: 30000, endpoint: "https://api.internal.example.com/v2" }),
    },
  };
  let size = JSON.stringify(payload).length;
  let i = 0;
  while (size < targetBytes) {
    const name = pick(FIRST);
    if (i % 2 === 0) {
      const row: Record<string, unknown> = {
        id: 100000 + i,
        name,
        email: `${name}.${id()}@example.com`,
        plan: pick(["free", "pro", "enterprise"]),
        note: sentence(8),
      };
      if (i % 7 === 3) row.phone = `+1 415 555 ${String(1000 + i).slice(-4)}`;
      if (i % 11 === 5) row.card = "4111 1111 1111 1111";
      rows.push(row);
    } else {
      const level = pick(["info", "warn", "error"]);
      let line = `2024-05-01T10:${String(i % 60).padStart(2, "0")}:00Z ${level} ${pick(SERVICES)} ${sentence(10)} request_id=${id()}`;
      if (i % 13 === 1)
        line += " Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
      if (i % 17 === 2) line += ` retrying with AWS key AKIA${"QWERTYUIOPASDFGH".slice(0, 16)}`;
      logs.push(line);
    }
    size = JSON.stringify(payload).length;
    i++;
  }
  return payload;
}
