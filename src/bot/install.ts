/**
 * When the app is added to a team: a one-to-one chat (with a welcome) for each member who has
 * work in the CSE assessment but never wrote to the bot, so reminders can reach them.
 */
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from "botbuilder";
import { welcomeCard } from "../cards/index.js";
import type { Delivery } from "../jobs/delivery.js";
import type { Logger } from "../logger.js";
import type { ReminderService } from "../services/reminders.js";

export async function openChatsWithTeamMembers(
  context: TurnContext,
  tenantId: string,
  reminders: ReminderService,
  delivery: Delivery,
  log: Logger,
): Promise<number> {
  const members: TeamsChannelAccount[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, continuationToken);
    members.push(...page.members);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  const byId = new Map(members.filter((m) => m.aadObjectId).map((m) => [m.aadObjectId!, m]));
  await reminders.rememberPeople(
    tenantId,
    [...byId.entries()].map(([userId, m]) => ({ userId, displayName: m.name ?? "" })),
  );
  const needing = await reminders.needingChat(tenantId, [...byId.keys()]);
  let opened = 0;
  for (const userId of needing) {
    const name = byId.get(userId)?.name ?? "";
    const result = await delivery.send(
      { tenantId, userId, displayName: name },
      welcomeCard({ name: name.split(/\s+/)[0] || undefined, started: false }),
      "Welcome to your CSE self-assessment",
    );
    if (result.ok && result.newConversation) {
      await reminders.rememberChat(tenantId, userId, name, result.newConversation);
      opened++;
    } else if (!result.ok)
      log.warn({ tenant: tenantId, user: userId, status: result.status }, "could not open a one-to-one chat on install");
  }
  log.info({ tenant: tenantId, members: members.length, opened }, "app added to a team");
  return opened;
}
