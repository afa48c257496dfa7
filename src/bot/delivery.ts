/**
 * Messages to people's one-to-one chats outside a turn, through the Bot Connector: reminder
 * cards from the outbound queue, and short texts (see TeamsNotifier). Someone who never wrote to
 * the bot gets a new one-to-one chat opened (Teams allows it once the app is installed for them,
 * personally or in a team they are in). Connector errors come back as results the outbound queue
 * understands: 429 with its Retry-After, transient 412/502/504, permanent 403/404.
 */
import { ActivityTypes, CardFactory, type ConversationReference } from "botbuilder";
import type { ConnectorClient } from "botframework-connector";
import type { AdaptiveCard } from "../cards/index.js";
import type { Delivery, DeliveryResult, Recipient } from "../jobs/delivery.js";
import type { Logger } from "../logger.js";
import type { TenantDirectory } from "../store/tenants.js";
import type { BotAdapter } from "./adapter.js";

export class TeamsDelivery implements Delivery {
  /** One client per service URL: its connections and token are reused across thousands of messages. */
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    private readonly adapter: BotAdapter,
    private readonly botAppId: string,
    private readonly tenants: TenantDirectory,
    private readonly log: Logger,
  ) {}

  conversationKey(to: Recipient): string {
    return referenceOf(to.conversation)?.conversation?.id ?? `new:${to.tenantId}:${to.userId}`;
  }

  async send(to: Recipient, card: AdaptiveCard, summary: string): Promise<DeliveryResult> {
    return this.deliver(to, { type: ActivityTypes.Message, summary, attachments: [CardFactory.adaptiveCard(card)] });
  }

  /** A text; one attempt, the caller decides on retries. */
  sendText(to: Recipient, text: string): Promise<DeliveryResult> {
    return this.deliver(to, { type: ActivityTypes.Message, text });
  }

  /** To the person's stored one-to-one chat, or a new one when they have none. */
  private async deliver(to: Recipient, activity: object): Promise<DeliveryResult> {
    try {
      const reference = referenceOf(to.conversation);
      if (reference?.serviceUrl && reference.conversation?.id) return await this.sendTo(reference, activity);
      return await this.openChatAndSend(to, activity);
    } catch (error) {
      return failure(error);
    }
  }

  private async sendTo(reference: Partial<ConversationReference>, activity: object): Promise<DeliveryResult> {
    const client = await this.client(reference.serviceUrl!);
    await client.conversations.sendToConversation(reference.conversation!.id, {
      ...activity,
      conversation: reference.conversation,
      from: reference.bot,
      recipient: reference.user,
    });
    return { ok: true, conversationId: reference.conversation!.id };
  }

  private client(serviceUrl: string): Promise<ConnectorClient> {
    let client = this.clients.get(serviceUrl);
    if (!client) {
      client = this.adapter.connectorFor(this.botAppId, serviceUrl);
      client.catch(() => this.clients.delete(serviceUrl));
      this.clients.set(serviceUrl, client);
    }
    return client;
  }

  /** Opens a one-to-one chat with someone who never wrote to the bot, through their tenant's service URL. */
  private async openChatAndSend(to: Recipient, activity: object): Promise<DeliveryResult> {
    const serviceUrl = await this.tenants.serviceUrl(to.tenantId);
    if (!serviceUrl)
      return {
        ok: false,
        permanent: true,
        status: 404,
        reason: "never chatted with the bot, and the bot has no way to reach this organisation yet",
      };
    const client = await this.client(serviceUrl);
    const created = await client.conversations.createConversation({
      isGroup: false,
      bot: { id: this.botAppId, name: "CSE bot" },
      members: [{ id: to.userId, name: to.displayName }],
      tenantId: to.tenantId,
      channelData: { tenant: { id: to.tenantId } },
    });
    const conversation = { id: created.id, conversationType: "personal", tenantId: to.tenantId, isGroup: false };
    await client.conversations.sendToConversation(created.id, { ...activity, conversation } as never);
    const reference: Partial<ConversationReference> = {
      channelId: "msteams",
      serviceUrl,
      conversation: conversation as ConversationReference["conversation"],
      bot: { id: this.botAppId, name: "CSE bot" },
      user: { id: to.userId, name: to.displayName, aadObjectId: to.userId },
    };
    this.log.info({ tenant: to.tenantId, user: to.userId }, "opened a one-to-one chat");
    return { ok: true, conversationId: created.id, newConversation: JSON.stringify(reference) };
  }
}

function referenceOf(conversation: string | undefined): Partial<ConversationReference> | undefined {
  if (!conversation) return undefined;
  try {
    return JSON.parse(conversation) as Partial<ConversationReference>;
  } catch {
    return undefined;
  }
}

/** A Connector error as the queue needs it. */
function failure(error: unknown): DeliveryResult {
  const e = error as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } }; message?: string };
  const status = typeof e.statusCode === "number" ? e.statusCode : 0;
  const retryAfter = e.response?.headers?.get?.("retry-after");
  const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
  const reason =
    status === 403
      ? "the app was removed or is not installed for them"
      : status === 404
        ? "their chat with the bot no longer exists"
        : (e.message ?? "no answer").slice(0, 200);
  return {
    ok: false,
    permanent: status === 403 || status === 404,
    status,
    reason,
    ...(Number.isFinite(seconds) ? { retryAfterMs: seconds * 1000 } : {}),
  };
}
