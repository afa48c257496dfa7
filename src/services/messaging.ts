/** Telling someone something one-to-one, outside a turn: the one place that finds where to reach them. */
import type { Stores } from "../store/index.js";
import type { Notifier } from "./views.js";

/**
 * Sends `text` to the person's one-to-one chat, opening one when they never chatted with the bot
 * (and keeping it for next time); false when they could not be reached.
 */
export async function tellPerson(
  stores: Stores,
  notifier: Notifier,
  tenantId: string,
  person: { readonly userId: string; readonly name: string },
  text: string,
  at: Date,
): Promise<boolean> {
  const participant = await stores.participants.get(tenantId, person.userId);
  const displayName = participant?.displayName || person.name;
  const result = await notifier.send({ tenantId, userId: person.userId, displayName, conversation: participant?.conversation }, text);
  if (result.newConversation)
    await stores.participants.putConversation(tenantId, person.userId, displayName, result.newConversation, at.toISOString());
  return result.delivered;
}
