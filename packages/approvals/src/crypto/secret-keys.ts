import { hkdfSync } from "node:crypto";

/** Purpose-bound keys derived from COUNTERSIGN_SECRET_KEY, so one leaked use cannot forge another. */
export interface SecretKeys {
  fingerprint: Buffer;
  tokenHash: Buffer;
  seal: Buffer;
}

export function deriveSecretKeys(master: Buffer): SecretKeys {
  if (master.length < 32) throw new Error("the secret key must be at least 32 bytes");
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `countersign:${info}`, 32));
  return { fingerprint: derive("fingerprint"), tokenHash: derive("token-hash"), seal: derive("seal") };
}
