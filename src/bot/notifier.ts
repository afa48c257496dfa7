/**
 * Short one-to-one texts outside a turn (an assignment, a review result, a chase), through the
 * same delivery as reminders: to the person's chat with the bot, or a new one opened for someone
 * who never wrote to it. A throttled or briefly failing send is tried again, after Retry-After
 * when Teams gives one; an unreachable person is logged and reported, never thrown.
 */
import { TurnContext, type Activity } from "botbuilder";
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from "../jobs/backoff.js";
import { isTransient } from "../jobs/delivery.js";
import type { Logger } from "../logger.js";
import type { Notifier, NotifyRecipient } from "../services/views.js";
import type { TeamsDelivery } from "./delivery.js";

/** A person waits for the bot's answer while these run: fewer, shorter retries than the reminder queue's. */
const NOTIFY_BACKOFF: BackoffPolicy = { ...DEFAULT_BACKOFF, attempts: 3, capMs: 5_000 };

export class TeamsNotifier implements Notifier {
  constructor(
    private readonly delivery: Pick<TeamsDelivery, "sendText">,
    private readonly log: Logger,
    private readonly policy: BackoffPolicy = NOTIFY_BACKOFF,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async send(to: NotifyRecipient, text: string): Promise<{ delivered: boolean; newConversation?: string }> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.delivery.sendText(to, text);
      if (result.ok) return { delivered: true, newConversation: result.newConversation };
      if (result.permanent || !isTransient(result.status) || attempt >= this.policy.attempts) {
        this.log.warn({ status: result.status, reason: result.reason, attempts: attempt }, "one-to-one message not delivered");
        return { delivered: false };
      }
      await this.sleep(retryDelay(attempt, result.retryAfterMs, this.policy));
    }
  }
}

/** Where to reach the sender one-to-one, serialised for storage; only from personal chats. */
export function conversationOf(activity: Partial<Activity>): string | undefined {
  if (activity.conversation?.conversationType !== undefined && activity.conversation.conversationType !== "personal") return undefined;
  if (!activity.serviceUrl || !activity.conversation?.id) return undefined;
  // Without the message's own id: the same chat gives the same reference every turn, so it is
  // only written again when it really changes (a new id is of no use to a proactive message).
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  return JSON.stringify(reference);
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
  return {
    id,
    name: channel?.name ?? "this channel",
    conversation: JSON.stringify({ ...reference, conversation: { ...reference.conversation, id } }),
  };
}
