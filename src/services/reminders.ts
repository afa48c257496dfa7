/**
 * Reminders as people see them: a person's reminder card as it stands now (what they already
 * dealt with from it is marked), and for coordinators, who the reminders cannot reach. No SDK.
 */
import type { Clock } from "../clock.js";
import { formatLondonDay, londonDay, type IsoDate } from "../domain/calendar.js";
import { figureHandledKey, type ReminderItem } from "../domain/reminders.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import type { Stores } from "../store/index.js";
import type { MessageStatus } from "../store/outbox.js";
import type { Actor } from "./views.js";
import type { RolesOf } from "./context.js";

/** A person's reminder for a day as it stands now; the card adds their name and any notice. */
export interface ReminderState {
  /** The day the reminders are for (YYYY-MM-DD). */
  readonly day: IsoDate;
  readonly today: IsoDate;
  readonly items: readonly ReminderItem[];
  /**
   * Action id (or a figure's `figureHandledKey`) → what became of it since the reminder went out
   * ("Done", "Snoozed until ...", "Recorded").
   */
  readonly handled: ReadonlyMap<string, string>;
}

export interface ReminderStatusView {
  readonly today: IsoDate;
  readonly counts: Readonly<Record<MessageStatus, number>>;
  /** People reminders cannot reach, with why and since when. */
  readonly unreachable: readonly { readonly name: string; readonly why: string }[];
  /** People with work who never chatted with the bot (reached only once the app is installed for them). */
  readonly neverChatted: number;
}

export class ReminderService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly rolesOf: RolesOf,
  ) {}

  /** The actor's own reminder message for `day`, or undefined if they had none. */
  async view(actor: Actor, day: IsoDate): Promise<ReminderState | undefined> {
    const message = (await this.stores.outbox.messages(actor.tenantId, day)).find((m) => m.userId === actor.userId);
    if (!message) return undefined;
    // A reminder opened before its day (a test run of a later day) reads as on that day.
    const today = [londonDay(this.clock.now()), day].sort().at(-1)!;
    const handled = new Map<string, string>();
    for (const item of message.items) {
      if (item.kind !== "action" || item.ownerName !== undefined || handled.has(item.id)) continue;
      const action = await this.stores.actions.get(actor.tenantId, item.id);
      if (!action) continue;
      if (action.status === "done") handled.set(item.id, "Done \u2714");
      else if (action.status === "cancelled") handled.set(item.id, "Cancelled");
      else if (action.status === "on-hold") handled.set(item.id, "On hold: no reminders until it restarts");
      else if (action.owner.userId !== actor.userId) handled.set(item.id, `Now with ${action.owner.name}`);
      else if (action.snoozedUntil && action.snoozedUntil > today)
        handled.set(item.id, `Snoozed until ${formatLondonDay(action.snoozedUntil)}`);
    }
    await this.markFiguresRecorded(actor, message.items, handled);
    return { day, today, items: message.items, handled };
  }

  /** Figures asked for on the reminder that were recorded since, or whose standard passed to someone else. */
  private async markFiguresRecorded(actor: Actor, items: readonly ReminderItem[], handled: Map<string, string>): Promise<void> {
    const asked = items.filter((i) => i.kind === "figure");
    if (asked.length === 0) return;
    const { standards, figures } = await this.stores.standards.withRecentFigures(actor.tenantId);
    for (const item of asked) {
      const standard = standards.find((s) => s.id === item.standardId);
      const figure = figures.find((f) => f.standardId === item.standardId && f.periodId === item.periodId);
      if (figure) handled.set(figureHandledKey(item), "Recorded \u2714");
      else if (standard && standard.owner.userId !== actor.userId) handled.set(figureHandledKey(item), `Now with ${standard.owner.name}`);
    }
  }

  /** Coordinators only: today's reminders and who cannot be reached. */
  async status(actor: Actor): Promise<ReminderStatusView | Refusal> {
    if (!can(await this.rolesOf(actor), "manage-campaigns"))
      return { code: "not-allowed", message: "Only a CSE coordinator can see how reminders are getting through." };
    const today = londonDay(this.clock.now());
    const [messages, people, withWork] = await Promise.all([
      this.stores.outbox.messages(actor.tenantId, today),
      this.stores.participants.list(actor.tenantId),
      this.peopleWithWork(actor.tenantId),
    ]);
    const counts: Record<MessageStatus, number> = { pending: 0, sent: 0, unreachable: 0, superseded: 0 };
    for (const m of messages) counts[m.status]++;
    const known = new Set(people.filter((p) => p.conversation).map((p) => p.userId));
    return {
      today,
      counts,
      unreachable: people.filter((p) => p.unreachable).map((p) => ({ name: p.displayName || p.userId, why: p.unreachable! })),
      neverChatted: [...withWork].filter((id) => !known.has(id)).length,
    };
  }

  /** Keeps a one-to-one chat the bot opened, so later reminders go straight to it. */
  /** The people of a team the app was added to, so they can be picked when work is assigned. */
  async rememberPeople(tenantId: string, people: readonly { userId: string; displayName: string }[]): Promise<void> {
    await this.stores.participants.rememberNames(tenantId, people);
  }

  async rememberChat(tenantId: string, userId: string, displayName: string, conversation: string): Promise<void> {
    await this.stores.participants.putConversation(tenantId, userId, displayName, conversation, this.clock.now().toISOString());
  }

  /** Of `userIds` (a team's members), those with work the bot reminds them of who never chatted with it. */
  async needingChat(tenantId: string, userIds: readonly string[]): Promise<string[]> {
    const [people, withWork] = await Promise.all([this.stores.participants.list(tenantId), this.peopleWithWork(tenantId)]);
    const known = new Set(people.filter((p) => p.conversation).map((p) => p.userId));
    return userIds.filter((id) => withWork.has(id) && !known.has(id));
  }

  /**
   * Everyone the bot has something to remind about: owners of open improvement actions, of
   * elements in the active campaign, and of service standards (whose figures fall due).
   */
  private async peopleWithWork(tenantId: string): Promise<Set<string>> {
    const [actions, activeId, standards] = await Promise.all([
      this.stores.actions.list(tenantId),
      this.stores.campaigns.activeCampaignId(tenantId),
      this.stores.standards.list(tenantId),
    ]);
    const withWork = new Set(actions.filter((a) => a.status !== "done" && a.status !== "cancelled").map((a) => a.owner.userId));
    for (const s of standards) withWork.add(s.owner.userId);
    if (activeId) for (const a of await this.stores.assessments.listForCampaign(tenantId, activeId)) if (a.ownerId) withWork.add(a.ownerId);
    return withWork;
  }
}
