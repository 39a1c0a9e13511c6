import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from "botbuilder";
import { AuthenticationConstants, GovernmentConstants } from "botframework-connector";
import type { TeamsConfig } from "../teams-config";
import { CountersignCredentialFactory } from "./client-credentials";
import { createConnectorHttpClient } from "./connector-http-client";

const PUBLIC_CALLER_ID = "urn:botframework:azure";
const US_GOV_CALLER_ID = "urn:botframework:azureusgov";

/**
 * Inbound JWT validation and outbound credentials, from our config. botbuilder takes every
 * parameter literally once any one is overridden, so an override gets the full set, the rest
 * filled from the cloud's own constants.
 */
export function createBotAuthentication(config: TeamsConfig): ConfigurationBotFrameworkAuthentication {
  const credentials = {
    MicrosoftAppId: config.anonymous ? undefined : config.appId,
    MicrosoftAppPassword: config.anonymous ? undefined : config.appPassword,
    MicrosoftAppTenantId: config.tenantId,
    MicrosoftAppType: config.appType,
  };
  const government = config.channelService === GovernmentConstants.ChannelService;
  const customCloud = config.channelService && !government ? config.channelService : null;
  const cloud = government ? GovernmentConstants : AuthenticationConstants;

  let options: ConfigurationBotFrameworkAuthenticationOptions = { ...credentials };
  if (government) options.ChannelService = GovernmentConstants.ChannelService;
  if (customCloud || config.openIdMetadataUrl || config.tokenIssuer) {
    const tenantLogin = config.tenantId
      ? `${government ? GovernmentConstants.ToChannelFromBotLoginUrlPrefix : AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${config.tenantId}`
      : cloud.ToChannelFromBotLoginUrl;
    options = {
      ...credentials,
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: customCloud ?? tenantLogin,
      ToChannelFromBotOAuthScope: cloud.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: config.tokenIssuer ?? cloud.ToBotFromChannelTokenIssuer,
      OAuthUrl: cloud.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl ?? cloud.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: cloud.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: government ? US_GOV_CALLER_ID : PUBLIC_CALLER_ID,
    };
  }
  return new ConfigurationBotFrameworkAuthentication(
    options,
    new CountersignCredentialFactory(credentials, customCloud),
    undefined,
    undefined,
    // biome-ignore lint/suspicious/noExplicitAny: the compat HttpClient type is not exported by botbuilder.
    { httpClient: createConnectorHttpClient() as any },
  );
}
