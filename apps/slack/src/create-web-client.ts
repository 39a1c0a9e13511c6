import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Logger } from "pino";
import { slackLogger } from "./slack-logger";

/**
 * The WebClient never waits out a 429 itself: it throws at once, and the job is parked by the queue
 * for the Retry-After (a worker never sleeps). Nor does it retry other failures: the queue does.
 */
export function webClientOptions(apiUrl: string | undefined, log: Logger): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: slackLogger(log),
  };
}

export function createWebClient(botToken: string, apiUrl: string | undefined, log: Logger): WebClient {
  return new WebClient(botToken, webClientOptions(apiUrl, log));
}
