/** Notifiers for service tests: one that records what would be sent, one that reaches nobody. */
import type { Notifier } from "../../src/services/views.js";

export class RecordingNotifier implements Notifier {
  readonly sent: { conversation: string; text: string }[] = [];
  send(conversation: string, text: string): Promise<boolean> {
    this.sent.push({ conversation, text });
    return Promise.resolve(true);
  }
}

/** For tests where nobody is ever told anything; a send would be a bug, so it says it failed. */
export const noMessages: Notifier = { send: () => Promise.resolve(false) };
