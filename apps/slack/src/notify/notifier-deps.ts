import type { WebClient } from "@slack/web-api";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { BotIdentity } from "../bot-identity";

export interface NotifierDeps {
  web: WebClient;
  redis: Redis;
  log: Logger;
  publicUrl: string;
  identity: () => Promise<BotIdentity>;
}
