import {
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationServiceClientCredentialFactoryOptions,
} from "botbuilder";
import type { ServiceClientCredentials } from "botframework-connector";

interface CachedToken {
  value: string;
  expiresAt: number;
}

/**
 * The bot's outbound token from an OAuth2 client-credentials endpoint we name ourselves. MSAL (which
 * botbuilder uses for Microsoft's clouds) only accepts https authorities, so a private cloud or a
 * test token service on loopback gets this plain implementation of the same grant.
 */
class ClientCredentials implements ServiceClientCredentials {
  private cached: CachedToken | null = null;

  constructor(
    private readonly tokenUrl: string,
    private readonly appId: string,
    private readonly password: string,
    private readonly scope: string,
  ) {}

  async signRequest<T extends { headers: { set(name: string, value: string): void } }>(request: T): Promise<T> {
    request.headers.set("authorization", `Bearer ${await this.token()}`);
    return request;
  }

  private async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt > Date.now()) return this.cached.value;
    const response = await fetch(this.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: this.appId,
        client_secret: this.password,
        scope: this.scope.endsWith("/.default") ? this.scope : `${this.scope}/.default`,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new Error(`the bot's token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== "string") throw new Error("the bot's token endpoint gave no access_token");
    const lifetimeSeconds = typeof body.expires_in === "number" ? body.expires_in : 3600;
    // Renew five minutes early (as botbuilder does) so a token never expires mid-request.
    this.cached = { value: body.access_token, expiresAt: Date.now() + Math.max(0, lifetimeSeconds - 300) * 1000 };
    return this.cached.value;
  }
}

/** botbuilder's own factory, except that a custom login URL gets tokens over a plain client-credentials grant. */
export class CountersignCredentialFactory extends ConfigurationServiceClientCredentialFactory {
  constructor(
    private readonly options: ConfigurationServiceClientCredentialFactoryOptions,
    private readonly customLoginUrl: string | null,
  ) {
    super(options);
  }

  override async createCredentials(
    appId: string | undefined,
    audience: string | undefined,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<ServiceClientCredentials> {
    if (!this.customLoginUrl || (await this.isAuthenticationDisabled())) {
      return super.createCredentials(appId ?? "", audience ?? "", loginEndpoint, validateAuthority);
    }
    if (!(await this.isValidAppId(appId ?? ""))) throw new Error("Invalid appId.");
    const tokenUrl = `${this.customLoginUrl.replace(/\/+$/, "")}/oauth2/v2.0/token`;
    return new ClientCredentials(
      tokenUrl,
      appId ?? "",
      this.options.MicrosoftAppPassword ?? "",
      audience ?? "https://api.botframework.com",
    );
  }
}
