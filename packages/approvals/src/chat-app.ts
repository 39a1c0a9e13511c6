import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ChannelNotifier } from "./actions/notify-channels-job";
import type { Engine } from "./engine";

/** What a chat platform adapter (apps/slack, apps/teams) gives the server to compose. */
export interface ChatApp {
  /** Posts and updates cards; used by the worker role. */
  notifier: ChannelNotifier;
  /** Mounts the platform's inbound route (`/slack/events`, `/teams/messages`) on the HTTP server. */
  registerRoutes(http: FastifyInstance): Promise<void>;
  /** Starts anything long-lived for the inbound role (e.g. Slack Socket Mode). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface ChatAppDeps {
  engine: Engine;
  /** Keys are namespaced by the deployment's prefix (ioredis keyPrefix): use plain names like `slack:…`. */
  redis: Redis;
  log: Logger;
  /** Base URL for links in cards. */
  publicUrl: string;
}
