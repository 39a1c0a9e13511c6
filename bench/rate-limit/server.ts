// The rate-limit bench's server: one route behind @fastify/rate-limit with either store, on the
// shared Redis. Started by run.ts as a child process.
import { leasedRateLimitStore } from "@countersign/approvals";
import rateLimit from "@fastify/rate-limit";
import Fastify from "fastify";
import { Redis } from "ioredis";

const { REDIS_URL, PREFIX, STORE } = process.env;
const redis = new Redis(REDIS_URL ?? "", { maxRetriesPerRequest: null });
const app = Fastify();
const namespace = `${PREFIX}:${STORE}:`;
await app.register(rateLimit, {
  max: 1_000_000,
  timeWindow: 60_000,
  ...(STORE === "leased" ? { store: leasedRateLimitStore(redis, namespace) } : { redis, nameSpace: namespace }),
  keyGenerator: (request) => String(request.headers.authorization),
});
app.get("/", async () => ({ ok: true }));
const url = await app.listen({ port: 0, host: "127.0.0.1" });
console.log(JSON.stringify({ msg: "rate-limit server started", url }));
process.on("SIGTERM", async () => {
  await app.close();
  redis.disconnect();
  process.exit(0);
});
