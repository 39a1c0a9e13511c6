import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import {
  type ChannelNotifier,
  createApiKey,
  createEngine,
  deriveSecretKeys,
  type Engine,
  openDatabase,
  type Scope,
} from "@countersign/approvals";
import { createMasker } from "@countersign/masking";
import { loadConfig } from "@countersign/server/config";
import { createLogger } from "@countersign/server/logger";
import { type Role, type RunningServer, serve } from "@countersign/server/serve";
import { Redis } from "ioredis";
import { TEST_REDIS_URL } from "./services";
import { createTestDatabase, type TestDatabase } from "./test-database";

export const TEST_POLICY = fileURLToPath(new URL("../fixtures/policy.yaml", import.meta.url));

export interface TestServer {
  url: string;
  server: RunningServer;
  database: TestDatabase;
  prefix: string;
  /** A direct engine on the same database, for keys and for looking behind the API. */
  engine: Engine;
  redis: Redis;
  env: Record<string, string>;
  createKey(scopes: Scope[], approver?: string): Promise<{ id: string; key: string; signing_secret: string }>;
  api(key: string): ApiCaller;
  close(): Promise<void>;
}

export type ApiCaller = <T = Record<string, any>>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: T; headers: Headers }>;

/** The real server (api + worker roles) on its own database and BullMQ prefix. */
export async function startTestServer(
  options: { roles?: Role[]; env?: Record<string, string>; logLines?: string[]; notifiers?: ChannelNotifier[] } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const prefix = `cs-test-${randomBytes(4).toString("hex")}`;
  const secretKey = randomBytes(32).toString("base64");
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    COUNTERSIGN_QUEUE_PREFIX: prefix,
    COUNTERSIGN_SECRET_KEY: secretKey,
    COUNTERSIGN_POLICY: TEST_POLICY,
    CALLBACK_ALLOW_PRIVATE: "true",
    PORT: "0",
    LOG_LEVEL: options.logLines ? "debug" : "silent",
    ...options.env,
  };
  const config = loadConfig(env);
  const keys = deriveSecretKeys(Buffer.from(secretKey, "base64"));
  const masker = createMasker({ fingerprintKey: keys.fingerprint });
  const lines = options.logLines;
  const log = lines
    ? createLogger("debug", masker, { write: (line: string) => void lines.push(line) })
    : createLogger("silent");
  const server = await serve({
    config,
    roles: options.roles,
    log,
    notifiers: options.notifiers,
    timing: { relayIntervalMs: 50, reconcileEveryMs: 500, staleAfterMs: 1000, sweepEveryMs: 250 },
  });
  const direct = await openDatabase({ url: database.url, poolSize: 2 });
  const engine = createEngine({
    db: direct.db,
    log: createLogger("silent"),
    env: {
      policy: () => {
        throw new Error("not used");
      },
      masker,
      keys,
      allowPrivateCallbacks: true,
    },
  });
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const url = server.url ?? "";
  const api =
    (key: string): ApiCaller =>
    async (method, path, body, headers = {}) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
    };
  return {
    url,
    server,
    database,
    prefix,
    engine,
    redis,
    env,
    createKey: (scopes, approver) =>
      createApiKey(engine.ctx({ type: "cli", user: "test" }), { name: `test ${scopes.join(",")}`, scopes, approver }),
    api,
    close: async () => {
      await server.close();
      await direct.close();
      const stale = await redis.keys(`${prefix}:*`);
      if (stale.length) await redis.del(...stale);
      redis.disconnect();
      await database.drop();
    },
  };
}

export function baseRequest(overrides: Record<string, unknown> = {}) {
  return {
    action: "db.export",
    resource: "postgres://prod/customers",
    environment: "production",
    requester: { type: "agent", id: "etl-agent", display_name: "ETL agent", on_behalf_of: "dana@example.com" },
    reason: "nightly export for the analytics warehouse",
    // A run id keeps each call a distinct action: identical pending requests are merged by design.
    params: { table: "customers", columns: ["id", "email"], destination: "s3://exports/cust.csv", run: randomUUID() },
    context: { ticket: "OPS-1234", sample_row: { email: "jo@example.com", card: "4111 1111 1111 1111" } },
    ...overrides,
  };
}
