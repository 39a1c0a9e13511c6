import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A one-time token: `cst_` + 256 random bits (CONTRACT.md section 4). */
export function generateToken(): string {
  return `cst_${randomBytes(32).toString("base64url")}`;
}

/** Tokens are stored only as this keyed hash. */
export function hashToken(key: Buffer, token: string): string {
  return createHmac("sha256", key).update(token).digest("hex");
}

/** An API key: `csk_` + 256 random bits; stored as its SHA-256 (the key itself has full entropy). */
export function generateApiKey(): string {
  return `csk_${randomBytes(32).toString("base64url")}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
