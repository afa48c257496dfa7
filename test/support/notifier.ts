/** Notifiers for service tests: one that records what would be sent, one that reaches nobody. */
import type { Notifier, NotifyRecipient } from "../../src/services/views.js";

/**
 * Records each message; someone without a chat gets one opened (as Teams does when the app is
 * installed for them), named `opened:<userId>`. People in `unreachable` (the app removed, or never
 * installed for them) get nothing.
 */
export class RecordingNotifier implements Notifier {
  readonly sent: { conversation: string; text: string }[] = [];
  constructor(private readonly unreachable: ReadonlySet<string> = new Set()) {}

  send(to: NotifyRecipient, text: string): Promise<{ delivered: boolean; newConversation?: string }> {
    if (this.unreachable.has(to.userId)) return Promise.resolve({ delivered: false });
    const opened = to.conversation ? undefined : `opened:${to.userId}`;
    this.sent.push({ conversation: to.conversation ?? opened!, text });
    return Promise.resolve({ delivered: true, newConversation: opened });
  }
}

/** For tests where nobody is ever told anything; a send would be a bug, so it says it failed. */
export const noMessages: Notifier = { send: () => Promise.resolve({ delivered: false }) };
