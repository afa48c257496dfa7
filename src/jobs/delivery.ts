/** How the jobs reach people: the contract the Teams side implements (bot/delivery.ts). SDK-free. */
import type { AdaptiveCard } from "../cards/index.js";

export interface Recipient {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  /** Their one-to-one conversation reference, serialised, when they have one. */
  readonly conversation?: string;
}

export type DeliveryResult =
  | {
      readonly ok: true;
      readonly conversationId: string;
      /** Set when a new one-to-one chat was opened. */ readonly newConversation?: string;
    }
  | {
      readonly ok: false;
      /** 403 (app removed, or not installed for them), 404 (conversation gone), or no way to reach them. */
      readonly permanent: boolean;
      readonly status: number;
      /** From Retry-After, when the Connector sent one. */
      readonly retryAfterMs?: number;
      readonly reason: string;
    };

export interface Delivery {
  /** The conversation the message will go to, for rate limiting (before it is sent). */
  conversationKey(to: Recipient): string;
  send(to: Recipient, card: AdaptiveCard, summary: string): Promise<DeliveryResult>;
}

/** Statuses worth trying again: throttled, precondition (Teams' transient 412), bad gateway, timeout. */
export function isTransient(status: number): boolean {
  return status === 429 || status === 412 || status === 502 || status === 504 || status === 503 || status === 500 || status === 0;
}
