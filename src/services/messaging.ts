/** Telling someone something one-to-one, outside a turn: the one place that finds where to reach them. */
import type { Stores } from "../store/index.js";
import type { Notifier } from "./views.js";

/** Sends `text` to the person's one-to-one chat; false when they never chatted with the bot or it failed. */
export async function tellPerson(stores: Stores, notifier: Notifier, tenantId: string, userId: string, text: string): Promise<boolean> {
  const participant = await stores.participants.get(tenantId, userId);
  return participant?.conversation ? notifier.send(participant.conversation, text) : false;
}
