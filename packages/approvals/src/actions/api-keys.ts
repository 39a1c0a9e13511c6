import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../audit/append-audit";
import { generateWebhookSecret } from "../callbacks";
import type { Actor, Ctx } from "../context";
import { newId } from "../crypto/ids";
import { seal, unseal } from "../crypto/seal";
import { generateApiKey, hashApiKey } from "../crypto/tokens";
import { AppError } from "../errors";
import type { Db } from "../store/database";
import { apiKeys } from "../store/schema";

export const SCOPES = ["requests:write", "requests:read", "decisions:write", "tokens:redeem", "audit:read"] as const;
export type Scope = (typeof SCOPES)[number];

export const CreateApiKeyInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(SCOPES)).min(1),
    approver: z.string().trim().toLowerCase().email().optional(),
  })
  .strict()
  .refine((v) => !v.scopes.includes("decisions:write") || v.approver, {
    message: "a key with decisions:write must be bound to an approver email (--approver)",
    path: ["approver"],
  });
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

/** Creates a key; the key and its signing secret are returned this once and stored only hashed/sealed. */
export async function createApiKey(ctx: Ctx, input: CreateApiKeyInput) {
  const id = newId("key");
  const key = generateApiKey();
  const signingSecret = generateWebhookSecret();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(apiKeys).values({
      id,
      name: input.name,
      keyHash: hashApiKey(key),
      scopes: [...new Set(input.scopes)],
      approver: input.approver ?? null,
      signingSecretSealed: seal(ctx.env.keys.seal, signingSecret),
      createdAt: ctx.now,
    });
    await appendAudit(tx, {
      type: "api_key.created",
      actor: ctx.actor,
      at: ctx.now,
      data: { key_id: id, name: input.name, scopes: input.scopes, approver: input.approver ?? null },
    });
  });
  return {
    id,
    key,
    signing_secret: signingSecret,
    scopes: [...new Set(input.scopes)],
    approver: input.approver ?? null,
  };
}

export async function revokeApiKey(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: ctx.now })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (!row) throw new AppError("not_found", `no active key ${id}`);
    await appendAudit(tx, { type: "api_key.revoked", actor: ctx.actor, at: ctx.now, data: { key_id: id } });
  });
  return { id, revoked: true };
}

/** Resolves a bearer key to its actor, or null for an unknown or revoked key. */
export async function authenticateApiKey(db: Db, key: string): Promise<Extract<Actor, { type: "api-key" }> | null> {
  if (!/^csk_[A-Za-z0-9_-]{43}$/.test(key)) return null;
  const [row] = await db
    .select({ id: apiKeys.id, scopes: apiKeys.scopes, approver: apiKeys.approver })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row ? { type: "api-key", keyId: row.id, scopes: row.scopes, approver: row.approver } : null;
}

/** The one answer for a key that is unknown or revoked, wherever it is found to be so. */
export function unknownOrRevokedKey(): AppError {
  return new AppError("unauthorized", "the API key is unknown or revoked");
}

/** Whether a key (found earlier, perhaps from a cache) is still not revoked. */
export async function apiKeyIsLive(db: Db, keyId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row !== undefined;
}

export async function loadSigningSecret(db: Db, sealKey: Buffer, keyId: string): Promise<string | null> {
  const [row] = await db
    .select({ sealed: apiKeys.signingSecretSealed })
    .from(apiKeys)
    .where(eq(apiKeys.id, keyId))
    .limit(1);
  return row ? unseal(sealKey, row.sealed) : null;
}
