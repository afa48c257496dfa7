/** People named in a Teams message, resolved through the Bot Connector (ids from Teams, not the text). */
import { TeamsInfo, type TurnContext } from "botbuilder";
import type { Logger } from "../logger.js";
import type { Person } from "../services/roles.js";

/** The first person mentioned (other than the bot), resolved through the connector. */
export async function mentionedPerson(context: TurnContext, log: Logger): Promise<Person | undefined> {
  const mention = (context.activity.entities ?? []).find((e) => e.type === "mention" && e.mentioned?.id && e.mentioned.id !== context.activity.recipient.id);
  if (!mention) return undefined;
  try {
    const member = await TeamsInfo.getMember(context, mention.mentioned.id);
    const userId = member.aadObjectId;
    return userId ? { userId, displayName: member.name || String(mention.mentioned.name ?? "") } : undefined;
  } catch (error) {
    log.warn({ err: error }, "mentioned person could not be looked up");
    return undefined;
  }
}
