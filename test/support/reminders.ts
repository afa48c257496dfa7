/**
 * A world for reminder tests: fresh tables on the shared Azurite, the real ActionService, the
 * real Teams delivery (BotAdapter + Bot Connector client) against the connector stub, and a fixed
 * clock. `restart()` gives a new job on new store objects, as a new process would have.
 */
import { createAdapter } from "../../src/bot/adapter.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import type { ActionDraft, Person } from "../../src/domain/actions.js";
import type { ReminderJob } from "../../src/jobs/reminders.js";
import type { SenderOptions } from "../../src/jobs/sender.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { createReminderJob } from "../../src/reminders.js";
import { ActionService } from "../../src/services/actions.js";
import { RolesService } from "../../src/services/roles.js";
import type { Actor } from "../../src/services/views.js";
import { openStores, type Stores } from "../../src/store/index.js";
import { ConnectorStub, type ConnectorStubOptions } from "./connector-stub.js";
import { RecordingNotifier } from "./notifier.js";
import { connectionString, uniquePrefix } from "./storage.js";

export const TENANT = "tenant-reminders";
/** Quick retries so tests do not wait out real backoff. */
export const FAST_SENDER: SenderOptions = { backoff: { attempts: 4, baseMs: 5, capMs: 50 } };

export async function reminderWorld(options: { now: string; stub?: ConnectorStubOptions; sender?: SenderOptions; log?: Logger }) {
  const prefix = uniquePrefix();
  const stores = await openStores(connectionString(), prefix);
  const stub = await new ConnectorStub(options.stub).start();
  const clock = fixedClock(options.now);
  const log = options.log ?? createLogger("silent");
  const adapter = createAdapter(loadConfig({}));
  const roles = new RolesService(stores, clock, log, []);
  const actions = new ActionService({ stores, clock, log, rolesOf: (a: Actor) => roles.rolesOf(a) }, new RecordingNotifier());
  const newJob = (s: Stores, sender: SenderOptions = options.sender ?? FAST_SENDER): ReminderJob =>
    createReminderJob(s, adapter, "", clock, log, sender);

  return {
    stores,
    stub,
    clock,
    actions,
    job: newJob(stores),
    /** A new job on new store objects over the same tables: what a restarted process has. */
    async restart(sender?: SenderOptions): Promise<{ stores: Stores; job: ReminderJob }> {
      const again = await openStores(connectionString(), prefix);
      return { stores: again, job: newJob(again, sender) };
    },
    /** Someone who has chatted with the bot: their one-to-one conversation is `conversationOf(person)`. */
    async person(id: string, name = `Person ${id}`): Promise<Actor & Person> {
      const conversation = JSON.stringify({
        channelId: "msteams",
        serviceUrl: stub.url,
        conversation: { id: conversationOf(id), conversationType: "personal", tenantId: TENANT },
        bot: { id: "28:cse-bot", name: "CSE bot" },
        user: { id: `29:${id}`, name, aadObjectId: id },
      });
      await stores.participants.putConversation(TENANT, id, name, conversation, clock.now().toISOString());
      return { tenantId: TENANT, userId: id, displayName: name, name };
    },
    /** An action the person creates for themselves. */
    async action(owner: Actor, draft: Partial<ActionDraft> & { dueOn: string }): Promise<string> {
      const outcome = await actions.create(owner, {
        title: `Improve ${draft.refs ?? "3.2.1"} for ${owner.displayName}`,
        refs: "3.2.1",
        ...draft,
      });
      if (!outcome.ok) throw new Error(outcome.refusal.message);
      return outcome.action.id;
    },
    async close() {
      await stub.stop();
    },
  };
}

export function conversationOf(userId: string): string {
  return `a:chat-${userId}`;
}

/** The reminder cards each conversation received, by conversation id. */
export function remindersByConversation(stub: ConnectorStub): Map<string, Record<string, any>[]> {
  const cards = stub.sent
    .filter((s) => s.body.attachments?.[0]?.content)
    .map((s) => ({ conversationId: s.conversationId, card: s.body.attachments[0].content as Record<string, any> }));
  return new Map([...Map.groupBy(cards, (c) => c.conversationId)].map(([id, list]) => [id, list.map((c) => c.card)]));
}

/** A promise that never settles: the process stopped there for good. */
export const never = (): Promise<never> => new Promise<never>(() => undefined);

/**
 * Makes a job (reminders or digests) die as a process would, after `sends` messages reached the
 * Connector: the next one never leaves.
 */
export function dieAfterSends(job: object, sends: number): void {
  const { delivery } = (job as { deps: { delivery: { send: (...args: unknown[]) => Promise<unknown> } } }).deps;
  const send = delivery.send.bind(delivery);
  let sent = 0;
  delivery.send = (...args: unknown[]) => (++sent <= sends ? send(...args) : never());
}
