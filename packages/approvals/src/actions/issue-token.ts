import { appendAudit } from "../audit/append-audit";
import type { Ctx } from "../context";
import { newId } from "../crypto/ids";
import { generateToken, hashToken } from "../crypto/tokens";
import type { Db } from "../store/database";
import { tokens } from "../store/schema";

export const TOKEN_TTL_SECONDS = 15 * 60;

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Creates the one-time token of an approved request; only its keyed hash is stored. */
export async function issueToken(
  ctx: Ctx,
  tx: Db,
  request: { id: string; paramsDigest: string; tokenTtlSeconds: number },
): Promise<IssuedToken> {
  const token = generateToken();
  const ttlSeconds = Math.min(request.tokenTtlSeconds, TOKEN_TTL_SECONDS);
  const expiresAt = new Date(ctx.now.getTime() + ttlSeconds * 1000);
  await tx.insert(tokens).values({
    id: newId("tok"),
    requestId: request.id,
    tokenHash: hashToken(ctx.env.keys.tokenHash, token),
    paramsDigest: request.paramsDigest,
    expiresAt,
  });
  await appendAudit(tx, {
    type: "token.issued",
    requestId: request.id,
    actor: ctx.actor,
    at: ctx.now,
    data: { expires_at: expiresAt.toISOString() },
  });
  return { token, expiresAt };
}
