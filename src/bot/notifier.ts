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
