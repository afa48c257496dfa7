/** One-to-one messages outside a turn (proactive), through the Bot Connector. */
import { TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { Logger } from "../logger.js";
import type { Notifier } from "../services/views.js";
import type { BotAdapter } from "./adapter.js";

export class TeamsNotifier implements Notifier {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly botAppId: string,
    private readonly log: Logger,
  ) {}

  async send(conversation: string, text: string): Promise<boolean> {
    try {
      const reference = JSON.parse(conversation) as Partial<ConversationReference>;
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        await context.sendActivity(text);
      });
      return true;
    } catch (error) {
      this.log.warn({ err: error }, "one-to-one message not delivered");
      return false;
    }
  }
}

/** Where to reach the sender one-to-one, serialised for storage; only from personal chats. */
export function conversationOf(activity: Partial<Activity>): string | undefined {
  if (activity.conversation?.conversationType !== undefined && activity.conversation.conversationType !== "personal") return undefined;
  if (!activity.serviceUrl || !activity.conversation?.id) return undefined;
  return JSON.stringify(TurnContext.getConversationReference(activity));
}

/**
 * The team channel an activity came from, with a reference for posting new messages to it (the
 * channel itself, not the thread the command was typed in); undefined outside channels.
 */
export function channelOf(activity: Partial<Activity>): { id: string; name: string; conversation: string } | undefined {
  if (activity.conversation?.conversationType !== "channel" || !activity.serviceUrl) return undefined;
  const channel = (activity.channelData as { channel?: { id?: string; name?: string } } | undefined)?.channel;
  const id = channel?.id ?? activity.conversation.id?.split(";")[0];
  if (!id) return undefined;
  const reference = TurnContext.getConversationReference(activity);
  return { id, name: channel?.name ?? "this channel", conversation: JSON.stringify({ ...reference, conversation: { ...reference.conversation, id } }) };
}
