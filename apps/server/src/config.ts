import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1")
  .default(false);
const optional = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const ConfigSchema = z
  .object({
    NODE_ENV: z.string().default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    COUNTERSIGN_DATA_DIR: z.string().min(1).default("./.countersign"),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// URL")
      .default("redis://127.0.0.1:6379"),
    COUNTERSIGN_QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/)
      .default("countersign"),
    COUNTERSIGN_POLICY: optional,
    COUNTERSIGN_SECRET_KEY: optional.refine(
      (v) => v === undefined || (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, "base64").length >= 32),
      "must be at least 32 bytes, base64-encoded (try: openssl rand -base64 32)",
    ),
    CALLBACK_ALLOW_PRIVATE: bool,
    COUNTERSIGN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    COUNTERSIGN_MAX_PENDING_PER_REQUESTER: z.coerce.number().int().min(1).max(1_000_000).default(100),
    SLACK_BOT_TOKEN: optional,
    SLACK_SIGNING_SECRET: optional,
    SLACK_APP_TOKEN: optional,
    SLACK_API_URL: z.url().optional(),
    TEAMS_APP_ID: optional,
    TEAMS_APP_PASSWORD: optional,
    TEAMS_TENANT_ID: optional,
    TEAMS_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
    TEAMS_ANONYMOUS: bool,
    TEAMS_OPENID_METADATA_URL: z.url().optional(),
    TEAMS_CHANNEL_SERVICE: optional,
    TEAMS_TOKEN_ISSUER: optional,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === "production" && !c.COUNTERSIGN_SECRET_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["COUNTERSIGN_SECRET_KEY"],
        message: "is required when NODE_ENV=production",
      });
    }
    if (c.NODE_ENV === "production" && c.TEAMS_ANONYMOUS) {
      ctx.addIssue({ code: "custom", path: ["TEAMS_ANONYMOUS"], message: "is refused when NODE_ENV=production" });
    }
  });

export type Config = z.infer<typeof ConfigSchema> & { publicUrl: string };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`invalid configuration: ${variable} ${detail}`);
  }
}

/** Validates the environment once at start; the first problem names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    const value = env[variable];
    const hint = value !== undefined && !/SECRET|PASSWORD|TOKEN|KEY/.test(variable) ? ` (got "${value}")` : "";
    throw new ConfigError(variable, `${issue.message}${hint}`);
  }
  const c = result.data;
  return { ...c, publicUrl: c.PUBLIC_URL ?? `http://${c.HOST}:${c.PORT}` };
}
