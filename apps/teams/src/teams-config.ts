export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType?: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  /** No inbound JWT and no outbound token (local Agents Playground only). */
  anonymous: boolean;
  /** OpenID metadata for tokens the channel sends us (default: Microsoft's, per cloud). */
  openIdMetadataUrl?: string;
  /**
   * The Bot Framework cloud: unset for the public cloud, `https://botframework.azure.us` for US Government,
   * or the login authority of a private (or test) cloud, whose `/oauth2/v2.0/token` issues the bot's own token.
   */
  channelService?: string;
  /** The `iss` of tokens the channel sends us (default: Microsoft's, per cloud). */
  tokenIssuer?: string;
}
