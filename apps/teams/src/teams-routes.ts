import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { z } from "zod";
import {
  type BotFramework,
  type InboundTurn,
  NotAuthenticatedError,
  type TurnAnswer,
} from "./bot-framework/bot-framework-adapter";

// Enough to route and authenticate; the handler parses the fields it reads.
const Envelope = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().optional(),
  channelId: z.string().optional(),
});

/** POST /teams/messages: the Bot Framework messaging endpoint, as an encapsulated Fastify plugin. */
export function teamsRoutes(bot: BotFramework, log: Logger, onTurn: (turn: InboundTurn) => Promise<TurnAnswer>) {
  return async function plugin(app: FastifyInstance) {
    app.post("/teams/messages", async (request, reply) => {
      const body = Envelope.safeParse(request.body);
      if (!body.success) return reply.code(400).send({ error: "the body is not a Bot Framework activity" });
      try {
        const answer = await bot.handle(request.headers.authorization ?? "", body.data, onTurn);
        return reply.code(answer?.status ?? 200).send(answer?.body ?? "");
      } catch (error) {
        if (error instanceof NotAuthenticatedError) {
          log.warn(
            { reason: error.message, service_url: body.data.serviceUrl },
            "teams: rejected an unauthenticated activity",
          );
          return reply.code(401).send({ error: "unauthorized" });
        }
        log.error({ err: error, activity_type: body.data.type }, "teams: activity failed");
        return reply.code(500).send({ error: "internal" });
      }
    });
  };
}
