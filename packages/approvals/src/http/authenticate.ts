import type { FastifyRequest } from "fastify";
import { authenticateApiKey, type Scope } from "../actions/api-keys";
import type { Actor } from "../context";
import { AppError } from "../errors";
import type { Db } from "../store/database";

export type ApiKeyActor = Extract<Actor, { type: "api-key" }>;

declare module "fastify" {
  interface FastifyRequest {
    actor?: ApiKeyActor;
  }
}

export async function authenticate(db: Db, request: FastifyRequest): Promise<ApiKeyActor> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError("unauthorized", "send Authorization: Bearer <api key>");
  const actor = await authenticateApiKey(db, match[1]);
  if (!actor) throw new AppError("unauthorized", "the API key is unknown or revoked");
  return actor;
}

export function requireScope(actor: ApiKeyActor, ...anyOf: Scope[]): void {
  if (!anyOf.some((scope) => actor.scopes.includes(scope))) {
    throw new AppError("forbidden", `this key lacks the scope ${anyOf.join(" or ")}`);
  }
}
