/** The Bot Framework adapter: token validation when the bot has credentials, none in local mode. */
import type { Activity, InvokeResponse, TurnContext } from "botbuilder";
import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Config } from "../config.js";

/** TeamsAdapter with one public entry point that takes a parsed activity and its auth header. */
export class BotAdapter extends TeamsAdapter {
  handle(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
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
