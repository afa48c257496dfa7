/** People named in a Teams message, resolved through the Bot Connector (ids from Teams, not the text). */
import { TeamsInfo, type Entity, type TurnContext } from "botbuilder";
import type { Logger } from "../logger.js";
import type { RoleTarget } from "../services/roles.js";

interface Mention {
  readonly mentioned: { readonly id: string; readonly name?: unknown };
}

/** Entities are untyped JSON from the channel: a mention counts only with a string id. */
function isMention(entity: Entity): entity is Entity & Mention {
  const mentioned: unknown = entity.mentioned;
  return (
    entity.type === "mention" &&
    typeof mentioned === "object" &&
    mentioned !== null &&
    "id" in mentioned &&
    typeof mentioned.id === "string" &&
    mentioned.id !== ""
  );
}

/** The first person mentioned (other than the bot), resolved through the connector. */
export async function mentionedPerson(context: TurnContext, log: Logger): Promise<RoleTarget | undefined> {
  const mention = (context.activity.entities ?? []).filter(isMention).find((e) => e.mentioned.id !== context.activity.recipient.id);
  if (!mention) return undefined;
  try {
    const member = await TeamsInfo.getMember(context, mention.mentioned.id);
    const userId = member.aadObjectId;
    const typedName = typeof mention.mentioned.name === "string" ? mention.mentioned.name : "";
    return userId ? { userId, displayName: member.name || typedName } : undefined;
  } catch (error) {
    log.warn({ err: error }, "mentioned person could not be looked up");
    return undefined;
  }
}
