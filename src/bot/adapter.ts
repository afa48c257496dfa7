/** The Bot Framework adapter: token validation when the bot has credentials, none in local mode. */
import type { Activity, InvokeResponse, TurnContext } from "botbuilder";
import type { ConnectorClient } from "botframework-connector";
import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Config } from "../config.js";

/** TeamsAdapter with one public entry point that takes a parsed activity and its auth header. */
export class BotAdapter extends TeamsAdapter {
  handle(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
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
    return new BotAdapter({});
  }
  return new BotAdapter({
    MicrosoftAppId: config.BOT_ID,
    MicrosoftAppPassword: config.BOT_PASSWORD,
    MicrosoftAppType: config.BOT_TYPE,
    MicrosoftAppTenantId: config.BOT_TENANT_ID,
  });
}
