/** The Bot Framework adapter: token validation when the bot has credentials, none in local mode. */
import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Config } from "../config.js";

export function createAdapter(config: Config): TeamsAdapter {
  if (config.localMode) {
    // No app id: the Bot Framework SDK accepts unsigned activities, as the Agents Playground sends.
    return new TeamsAdapter({});
  }
  return new TeamsAdapter({
    MicrosoftAppId: config.BOT_ID,
    MicrosoftAppPassword: config.BOT_PASSWORD,
    MicrosoftAppType: config.BOT_TYPE,
    MicrosoftAppTenantId: config.BOT_TENANT_ID,
  });
}
