// The baseline for bench/ingest: a bare Fastify route doing what any ingest must do at the least,
// one INSERT and one BullMQ add, on the same Postgres and Redis. Started by run.ts as a child process.
import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import Fastify from "fastify";
import { Redis } from "ioredis";
import pg from "pg";

const { DATABASE_URL, REDIS_URL, PREFIX } = process.env;
// The same pool settings as countersign's (packages/approvals/src/store/database.ts).
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10, min: 10 });
await pool.query(
  "create table if not exists bench_baseline (id text primary key, body jsonb not null, created_at timestamptz not null default now())",
);
const connection = new Redis(REDIS_URL ?? "", { maxRetriesPerRequest: null });
const queue = new Queue("baseline", { connection, prefix: PREFIX });
const app = Fastify({ bodyLimit: 256 * 1024 });
app.post("/baseline", async (request, reply) => {
  const id = randomUUID();
  await pool.query("insert into bench_baseline (id, body) values ($1, $2)", [id, request.body]);
  await queue.add("ingest", { id }, { jobId: id, removeOnComplete: true });
  return reply.code(201).send({ id });
});
const url = await app.listen({ port: 0, host: "127.0.0.1" });
console.log(JSON.stringify({ msg: "baseline started", url }));
process.on("SIGTERM", async () => {
  await app.close();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  connection.disconnect();
  await pool.end();
  process.exit(0);
});
