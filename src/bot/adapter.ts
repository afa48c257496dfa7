/** The Bot Framework adapter: token validation when the bot has credentials, none in local mode. */
import type { Activity, InvokeResponse, TurnContext } from "botbuilder";
import type { AuthenticateRequestResult, ConnectorClient } from "botframework-connector";
import { TeamsAdapter } from "@microsoft/teams-ai";
import { AuthenticationConstants } from "botframework-connector";
import { CallerIdConstants } from "botbuilder";
import type { Config } from "../config.js";

/** TeamsAdapter with public entry points for checking a request's token, then running its turn. */
export class BotAdapter extends TeamsAdapter {
  constructor(
    config: ConstructorParameters<typeof TeamsAdapter>[0],
    /** With a bot id every request must carry a Bot Framework token; without, none is checked (local mode). */
    readonly requiresToken: boolean,
  ) {
    super(config);
  }

  /** Checks the Authorization header; AuthenticationError (or a jsonwebtoken error) when the token is not good. */
  authenticate(activity: Activity, authorization: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
  }

  handle(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }

  /**
   * A Connector client for sending outside a turn, authenticated as the bot, with the SDK's own
   * retries removed: the outbound queue paces, retries and counts every request itself, and a
   * hidden retry would wait out a Retry-After while holding a sending slot.
   */
  async connectorFor(botAppId: string, serviceUrl: string): Promise<ConnectorClient> {
    const client = await this.botFrameworkAuthentication.createConnectorFactory(this.createClaimsIdentity(botAppId)).create(serviceUrl);
    (client as unknown as { client?: { pipeline?: { removePolicy(p: { name: string }): unknown } } }).client?.pipeline?.removePolicy({
      name: "defaultRetryPolicy",
    });
    return client;
  }
}

export function createAdapter(config: Config): BotAdapter {
  if (config.localMode) {
    // No app id: the Bot Framework SDK accepts unsigned activities, as the Agents Playground sends.
    return new BotAdapter({}, false);
  }
  return new BotAdapter(
    {
      MicrosoftAppId: config.BOT_ID,
      MicrosoftAppPassword: config.BOT_PASSWORD,
      MicrosoftAppType: config.BOT_TYPE,
      MicrosoftAppTenantId: config.BOT_TENANT_ID,
      ...(config.BOT_OPENID_METADATA_URL ? publicCloudWithKeysAt(config.BOT_OPENID_METADATA_URL) : {}),
    },
    true,
  );
}

/**
 * The public cloud's settings with the signing keys published elsewhere. The SDK takes any one of
 * these as "configure everything", so the rest are given as the public cloud has them.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
