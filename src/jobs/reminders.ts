/**
 * The daily reminder run, for every tenant: gather what is due today (the actions' date index,
 * campaign due dates, the certification calendar, service standards' figures), write one message per person for the day into
 * the outbox, move the sources on, then send what is pending. Each step is safe to repeat, so a
 * run that stops anywhere (a crash, a lost lease) is finished by the next one with nothing sent
 * twice and nothing missed.
 */
import type { AdaptiveCard } from "../cards/index.js";
import type { Clock } from "../clock.js";
import { visitsOf } from "../domain/certification.js";
import { addDays, type IsoDate } from "../domain/calendar.js";
import {
  actionReminderOn,
  calendarMilestones,
  DEFAULT_POLICY,
  dueMilestone,
  elementDeadlineMilestones,
  nextActionReminder,
  type DatedSource,
  type ReminderItem,
  type ReminderPolicy,
} from "../domain/reminders.js";
import type { Person } from "../domain/actions.js";
import { statusOf } from "../domain/workflow.js";
import type { Logger } from "../logger.js";
import type { Stores } from "../store/index.js";
import type { OutboxMessage } from "../store/outbox.js";
import type { Delivery } from "./delivery.js";
import { figureSources } from "./figure-reminders.js";
import { OutboundQueue, type SendStats, type SenderOptions } from "./sender.js";

export interface ReminderJobDeps {
  readonly stores: Stores;
  readonly delivery: Delivery;
  readonly clock: Clock;
  readonly log: Logger;
  /** The card a person receives for their day's items. */
  readonly card: (message: OutboxMessage, today: IsoDate) => { card: AdaptiveCard; summary: string };
  readonly policy?: ReminderPolicy;
  readonly sender?: SenderOptions;
}

export interface PlanReport {
  readonly messages: number;
  readonly items: number;
  readonly actionsMoved: number;
}

export interface RunReport extends SendStats {
  readonly day: IsoDate;
  readonly tenants: number;
  readonly planned: number;
}

const PICKS_SHOWN = 5;
/** How long delivered reminders stay in the outbox. */
export const OUTBOX_KEEP_DAYS = 35;

export class ReminderJob {
  private readonly policy: ReminderPolicy;

  constructor(private readonly deps: ReminderJobDeps) {
    this.policy = deps.policy ?? DEFAULT_POLICY;
  }

  /** Plans and sends `day`'s reminders for every tenant. `keepGoing` false stops sending early. */
  async run(day: IsoDate, keepGoing: () => boolean = () => true): Promise<RunReport> {
    const tenants = await this.deps.stores.tenants.list();
    const queue = new OutboundQueue(this.deps.delivery, this.deps.log, { ...this.deps.sender, keepGoing });
    let planned = 0;
    const totals: SendStats = { sent: 0, permanent: 0, gaveUp: 0, throttled: 0, retries: 0, notStarted: 0 };
    for (const tenantId of tenants) {
      if (!keepGoing()) break;
      planned += (await this.plan(tenantId, day)).messages;
      const stats = await this.deliver(tenantId, day, queue);
      for (const k of Object.keys(totals) as (keyof SendStats)[]) totals[k] += stats[k];
    }
    this.deps.log.info({ day, tenants: tenants.length, planned, ...totals }, "reminder run finished");
    return { day, tenants: tenants.length, planned, ...totals };
  }

  /** Writes the day's messages for one tenant and moves their sources on. Repeatable. */
  async plan(tenantId: string, day: IsoDate): Promise<PlanReport> {
    const { stores } = this.deps;
    const [due, campaigns, roleHolders, calendars, earlier] = await Promise.all([
      stores.actions.dueBy(tenantId, day),
      stores.campaigns.list(tenantId),
      stores.roles.list(tenantId),
      stores.certification.list(tenantId),
      stores.outbox.pending(tenantId, day),
    ]);
    const coordinators = roleHolders.filter((h) => h.roles.includes("coordinator")).map((h) => ({ userId: h.userId, name: h.displayName }));
    const leadsOf = (campaignId: string | undefined): readonly Person[] => {
      const leads = campaigns.find((c) => c.id === campaignId)?.leads.map((l) => ({ userId: l.userId, name: l.name })) ?? [];
      return leads.length > 0 ? leads : coordinators;
    };

    const bundles = new Map<string, { displayName: string; items: ReminderItem[] }>();
    const add = (to: Person, item: ReminderItem) => {
      const bundle = bundles.get(to.userId) ?? { displayName: to.name, items: [] };
      if (!bundle.items.some((i) => i.key === item.key)) bundle.items.push(item);
      bundles.set(to.userId, bundle);
    };
    const figures = await figureSources(stores, tenantId, day, coordinators, this.policy);
    // Yesterday's undelivered message joins today's, so nobody gets two in a day (less a figure recorded since).
    const stale = earlier.filter((m) => m.day < day);
    for (const m of stale) for (const item of m.items) if (figures.stillTrue(item)) add({ userId: m.userId, name: m.displayName }, item);

    const actionKeys = new Map<string, string[]>();
    for (const row of due) {
      const a = row.action;
      const schedule = actionReminderOn(a, row.on, day, this.policy);
      const keys: string[] = [];
      const base = { kind: "action", id: a.id, title: a.title, refs: a.refs, dueOn: a.dueOn } as const;
      if (schedule.toOwner) {
        add(a.owner, { ...base, key: `a|${a.id}|${row.on}` });
        keys.push(`a|${a.id}|${row.on}`);
      }
      if (schedule.toLead) {
        const key = `a|${a.id}|${row.on}|lead`;
        for (const lead of leadsOf(a.campaignId)) add(lead, { ...base, key, ownerName: a.owner.name });
        keys.push(key);
      }
      actionKeys.set(row.rowKey, keys);
    }

    const dated = [
      ...(await this.campaignSources(tenantId, day, campaigns)),
      ...(await this.calendarSources(tenantId, day, calendars, coordinators)),
      ...figures.sources,
    ];
    for (const source of dated) for (const { to, item } of source.items) add(to, item);

    const planned = await stores.outbox.plan(
      tenantId,
      day,
      [...bundles.entries()].map(([userId, b]) => ({ userId, displayName: b.displayName, items: b.items })),
    );
    for (const m of stale) await stores.outbox.record(m, { status: "superseded", at: this.deps.clock.now().toISOString() });
    // Only what made it into a message moves on; anything else (a message already sent today, or
    // full) stays due and goes out on the next working day.
    const moves = due
      .filter((row) => (actionKeys.get(row.rowKey) ?? []).every((k) => planned.has(k)))
      .map((row) => ({ due: row, nextOn: nextActionReminder(row.action, day, this.policy)?.on }));
    const actionsMoved = await stores.actions.advance(moves);
    for (const source of dated) {
      if (source.items.every(({ item }) => planned.has(item.key)))
        await stores.outbox.setCursor(tenantId, source.cursor, source.milestone.on);
    }
    // Delivered messages are kept a while (for "reminders" and support questions), then let go.
    await stores.outbox.forget(tenantId, addDays(day, -OUTBOX_KEEP_DAYS));
    // Assessor reports previewed but never confirmed or cancelled (a preview waits a day).
    await stores.files.forgetImportsStoredBefore(tenantId, `${addDays(day, -2)}T00:00:00.000Z`);
    return { messages: bundles.size, items: [...bundles.values()].reduce((n, b) => n + b.items.length, 0), actionsMoved };
  }

  /** Sends one tenant's pending messages through `queue`, recording each outcome. */
  async deliver(tenantId: string, day: IsoDate, queue: OutboundQueue): Promise<SendStats> {
    const { stores, clock } = this.deps;
    const pending = (await stores.outbox.pending(tenantId, day)).filter((m) => m.day === day);
    if (pending.length === 0) return { sent: 0, permanent: 0, gaveUp: 0, throttled: 0, retries: 0, notStarted: 0 };
    const people = new Map((await stores.participants.list(tenantId)).map((p) => [p.userId, p]));
    return queue.sendAll(
      pending.map((message) => {
        const { card, summary } = this.deps.card(message, day);
        const participant = people.get(message.userId);
        return {
          to: { tenantId, userId: message.userId, displayName: message.displayName, conversation: participant?.conversation },
          card,
          summary,
          done: async (result) => {
            const at = clock.now().toISOString();
            if (result.ok) {
              await stores.outbox.record(message, { status: "sent", at });
              if (result.newConversation)
                await stores.participants.putConversation(tenantId, message.userId, message.displayName, result.newConversation, at);
            } else if (result.permanent) {
              await stores.outbox.record(message, { status: "unreachable", error: result.reason, at });
              await stores.participants.markUnreachable(tenantId, message.userId, message.displayName, result.reason, at);
            } else await stores.outbox.record(message, { status: "pending", error: result.reason, at });
          },
        };
      }),
    );
  }

  /** Owners of elements not yet submitted, before (and the day after) a campaign's due date. */
  private async campaignSources(
    tenantId: string,
    day: IsoDate,
    campaigns: Awaited<ReturnType<Stores["campaigns"]["list"]>>,
  ): Promise<DatedSource[]> {
    const out: DatedSource[] = [];
    for (const campaign of campaigns) {
      if (campaign.status !== "open" || !campaign.dueDate) continue;
      const cursor = `campaign|${campaign.id}`;
      const milestone = dueMilestone(
        elementDeadlineMilestones(campaign.dueDate, this.policy),
        day,
        await this.deps.stores.outbox.cursor(tenantId, cursor),
      );
      if (!milestone) continue;
      const open = (await this.deps.stores.assessments.listForCampaign(tenantId, campaign.id)).filter(
        (a) => a.ownerId && !["submitted", "approved"].includes(statusOf(a)),
      );
      const byOwner = Map.groupBy(open, (a) => a.ownerId!);
      const items = [...byOwner.entries()].map(([ownerId, list]) => ({
        to: { userId: ownerId, name: list[0]!.ownerName ?? "" },
        item: {
          kind: "elements",
          key: `e|${campaign.id}|${milestone.key}`,
          campaignId: campaign.id,
          campaignName: campaign.name,
          dueOn: campaign.dueDate!,
          picks: list.slice(0, PICKS_SHOWN).map((a) => `${a.unitId} ${a.ref}`),
          count: list.length,
        } satisfies ReminderItem,
      }));
      out.push({ cursor, milestone, items });
    }
    return out;
  }

  /** Coordinators, ahead of each review visit and each evidence deadline. */
  private async calendarSources(
    tenantId: string,
    day: IsoDate,
    calendars: Awaited<ReturnType<Stores["certification"]["list"]>>,
    coordinators: readonly Person[],
  ): Promise<DatedSource[]> {
    const out: DatedSource[] = [];
    for (const settings of calendars) {
      for (const visit of visitsOf(settings)) {
        for (const [what, target, label] of [
          ["visit", visit.date, visit.label],
          ["evidence", visit.evidenceDue, `Evidence due for ${visit.label.charAt(0).toLowerCase()}${visit.label.slice(1)}`],
        ] as const) {
          const cursor = `calendar|${settings.scopeId}|${visit.kind}|${what}`;
          const milestone = dueMilestone(
            calendarMilestones(what, target, this.policy),
            day,
            await this.deps.stores.outbox.cursor(tenantId, cursor),
          );
          if (!milestone) continue;
          const item: ReminderItem = {
            kind: "date",
            key: `d|${settings.scopeId}|${visit.kind}|${milestone.key}|${target}`,
            scopeName: settings.scopeName,
            label,
            on: target,
          };
          out.push({ cursor, milestone, items: coordinators.map((to) => ({ to, item })) });
        }
      }
    }
    return out;
  }
}
