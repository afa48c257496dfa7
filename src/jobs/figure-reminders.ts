/**
 * The daily reminder run's service-standard sources: each owner's figure for a standard's last
 * finished period (on the days domain/figure-reminders.ts gives), and the coordinators' line of
 * who has not reported (at most weekly, once a figure is overdue). Like the campaign and calendar
 * sources, each moves a cursor in the outbox ("figure|<standard>", "figures-unreported") only
 * once its items are in a message, so a restart neither repeats nor skips one.
 */
import type { Person } from "../domain/actions.js";
import type { IsoDate } from "../domain/calendar.js";
import { dueFigureReminder, figuresOverdue, figuresOwed, tellCoordinators } from "../domain/figure-reminders.js";
import type { DatedSource, ReminderItem, ReminderPolicy } from "../domain/reminders.js";
import type { Stores } from "../store/index.js";

/** Standards named in the coordinators' line; the rest are counted. */
const UNREPORTED_SHOWN = 5;
const UNREPORTED_CURSOR = "figures-unreported";

export interface FigureSources {
  readonly sources: readonly DatedSource[];
  /**
   * Whether an item from an earlier, undelivered message still holds: a figure recorded since is
   * not asked for again, and the coordinators' line goes once nothing is overdue.
   */
  readonly stillTrue: (item: ReminderItem) => boolean;
}

export async function figureSources(
  stores: Stores,
  tenantId: string,
  day: IsoDate,
  coordinators: readonly Person[],
  policy: ReminderPolicy,
): Promise<FigureSources> {
  // One query: the standards' rows, each with its newest figures (the owed one is among them).
  const { standards, figures } = await stores.standards.withRecentFigures(tenantId);
  const owed = figuresOwed(standards, figures, day);

  const forOwners = await Promise.all(
    owed.map(async ({ standard, period, dueOn }): Promise<DatedSource | undefined> => {
      const cursor = `figure|${standard.id}`;
      const milestone = dueFigureReminder(period, day, await stores.outbox.cursor(tenantId, cursor), policy);
      if (!milestone) return undefined;
      const item: ReminderItem = {
        kind: "figure",
        key: `f|${standard.id}|${period.id}|${milestone.key}`,
        standardId: standard.id,
        promise: standard.promise,
        periodId: period.id,
        dueOn,
      };
      return { cursor, milestone, items: [{ to: standard.owner, item }] };
    }),
  );
  const sources = forOwners.filter((s): s is DatedSource => s !== undefined);

  const overdue = figuresOverdue(owed, day);
  const tell =
    coordinators.length > 0 &&
    overdue.length > 0 &&
    tellCoordinators(overdue.length, day, await stores.outbox.cursor(tenantId, UNREPORTED_CURSOR), policy);
  if (tell) {
    const item: ReminderItem = {
      kind: "unreported",
      key: `u|${day}`,
      picks: overdue.slice(0, UNREPORTED_SHOWN).map((o) => ({ promise: o.standard.promise, ownerName: o.standard.owner.name })),
      count: overdue.length,
    };
    sources.push({
      cursor: UNREPORTED_CURSOR,
      milestone: { key: "unreported", on: day, target: day },
      items: coordinators.map((to) => ({ to, item })),
    });
  }

  const owedNow = new Set(owed.map((o) => `${o.standard.id}|${o.period.id}`));
  return {
    sources,
    stillTrue: (item) =>
      item.kind === "figure" ? owedNow.has(`${item.standardId}|${item.periodId}`) : item.kind !== "unreported" || overdue.length > 0,
  };
}
