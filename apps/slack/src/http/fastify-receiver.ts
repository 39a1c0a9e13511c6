import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { ReceiverMultipleAckError } from "@slack/bolt";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { parseSlackBody } from "./parse-slack-body";
import { verifySlackSignature } from "./verify-slack-signature";

export const SLACK_EVENTS_PATH = "/slack/events";
// Slack answers a slow ack with an error to the user after 3 s; past that, nobody is listening.
const ACK_TIMEOUT_MS = 3_000;
const BODY_LIMIT = 1024 * 1024;

type AckOutcome = { kind: "ack"; response: unknown } | { kind: "unhandled" } | { kind: "failed"; error: unknown };

/**
 * A Bolt receiver on the server's Fastify instance: Bolt's listeners, ack semantics and signature
 * check run unchanged, on one URL for events, interactivity and slash commands (CONTRACT.md section 7).
 */
export class FastifyReceiver implements Receiver {
  private bolt: App | undefined;

  constructor(private readonly options: { signingSecret: string; log: Logger; now?: () => number }) {}

  init(app: App): void {
    this.bolt = app;
  }

  // The server owns the listener; Fastify starts and stops it.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** An encapsulated plugin: its body parsers keep the raw text the signature covers, and touch no other route. */
  readonly routes = async (scope: FastifyInstance): Promise<void> => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string", bodyLimit: BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(SLACK_EVENTS_PATH, { bodyLimit: BODY_LIMIT }, (request, reply) => this.handle(request, reply));
  };

  private async handle(request: FastifyRequest, reply: FastifyReply) {
    const rawBody = typeof request.body === "string" ? request.body : "";
    const contentType = request.headers["content-type"];
    const body = parseSlackBody(rawBody, contentType);
    // Slack's SSL check carries no signature and expects only a 200 (Bolt answers it the same way).
    if (body?.ssl_check === "1" && Object.keys(body).length <= 2) return reply.code(200).send();

    const check = verifySlackSignature({
      signingSecret: this.options.signingSecret,
      rawBody,
      timestamp: header(request, "x-slack-request-timestamp"),
      signature: header(request, "x-slack-signature"),
      nowMs: this.options.now?.() ?? Date.now(),
    });
    if (!check.ok) {
      this.options.log.warn({ reason: check.reason }, "refused a Slack request that failed the signature check");
      return reply.code(401).send({ error: "invalid_signature" });
    }
    if (!body) return reply.code(400).send({ error: "unreadable_body" });
    if (body.type === "url_verification") return reply.send({ challenge: body.challenge });
    if (!this.bolt) return reply.code(503).send({ error: "not_ready" });

    const outcome = await this.dispatch(this.bolt, body, request);
    if (outcome.kind === "failed") {
      this.options.log.error({ err: outcome.error }, "Slack event failed before it was acknowledged");
      return reply.code(500).send();
    }
    if (outcome.kind === "unhandled") return reply.code(404).send();
    const response = outcome.response;
    if (response === undefined || response === "") return reply.code(200).send();
    if (typeof response === "string") return reply.code(200).type("text/plain; charset=utf-8").send(response);
    return reply.code(200).send(response);
  }

  /** Resolves as soon as a listener acks, so the work after `ack()` runs after Slack has its answer. */
  private dispatch(bolt: App, body: Record<string, unknown>, request: FastifyRequest): Promise<AckOutcome> {
    return new Promise<AckOutcome>((resolve) => {
      let acked = false;
      const timer = setTimeout(() => resolve({ kind: "unhandled" }), ACK_TIMEOUT_MS);
      const settle = (outcome: AckOutcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      const retryNum = header(request, "x-slack-retry-num");
      const event: ReceiverEvent = {
        body,
        retryNum: retryNum === undefined ? undefined : Number(retryNum),
        retryReason: header(request, "x-slack-retry-reason"),
        ack: async (response?: unknown) => {
          if (acked) throw new ReceiverMultipleAckError();
          acked = true;
          settle({ kind: "ack", response });
        },
      };
      bolt.processEvent(event).then(
        () => {
          if (!acked) settle({ kind: "unhandled" });
        },
        (error: unknown) => {
          if (!acked) settle({ kind: "failed", error });
          else this.options.log.error({ err: error }, "Slack listener failed after its ack");
        },
      );
    });
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
