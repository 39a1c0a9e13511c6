import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

export interface TokenOptions {
  audience: string;
  serviceUrl: string;
  issuer?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a key the issuer does not publish. */
  foreignKey?: boolean;
}

/**
 * Plays the Bot Framework's OpenID issuer on loopback: metadata, a JWKS endorsed for `msteams`,
 * and RS256 tokens like the ones the channel puts on every activity it sends a bot.
 */
export async function startFakeTeamsIssuer() {
  const kid = `kid-${randomUUID()}`;
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const foreign = await generateKeyPair("RS256");
  const jwk: JWK & { endorsements: string[] } = {
    ...(await exportJWK(publicKey)),
    kid,
    use: "sig",
    alg: "RS256",
    endorsements: ["msteams"],
  };
  const server = createServer((req, res) => {
    const json = (body: unknown) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.url === "/v1/.well-known/openidconfiguration") {
      return json({
        issuer,
        jwks_uri: `${url}/v1/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["private_key_jwt"],
      });
    }
    if (req.url === "/v1/keys") return json({ keys: [jwk] });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = "https://api.botframework.test";

  return {
    metadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    issuer,
    async token(options: TokenOptions): Promise<string> {
      const now = Math.floor(Date.now() / 1000);
      const expiresIn = options.expiresIn ?? 3600;
      return new SignJWT({ serviceurl: options.serviceUrl })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience)
        .setIssuedAt(now - 60)
        .setNotBefore(Math.min(now - 60, now + expiresIn - 120))
        .setExpirationTime(now + expiresIn)
        .sign(options.foreignKey ? foreign.privateKey : privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeTeamsIssuer = Awaited<ReturnType<typeof startFakeTeamsIssuer>>;
