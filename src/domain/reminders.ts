/**
 * When people are reminded. Reminders land on working days only (Europe/London, no weekends, no
 * England and Wales bank holidays); reminders before a date move earlier so they are never late,
 * reminders after it move later. Pure: dates in, dates out.
 */
import { isClosed, type ImprovementAction, type Person } from "./actions.js";
import { addDays, addWorkingDays, isWorkingDay, londonDay, londonTime, type IsoDate, workingDayOnOrAfter } from "./calendar.js";

export interface ReminderPolicy {
  /** Working days before an action's due date. */
  readonly actionLeadWorkingDays: readonly number[];
  /** After the day it becomes overdue, the owner is reminded every this many days... */
  readonly overdueEveryDays: number;
  /** ...this many more times at most, so a stuck action does not nag for ever. */
  readonly overdueRepeats: number;
  /** The campaign lead hears once an action is overdue by more than this many days. */
  readonly escalateAfterDays: number;
  /** Working days before a campaign's self-assessment due date, for elements not yet submitted. */
  readonly elementLeadWorkingDays: readonly number[];
  /** Days before each review visit and evidence deadline, for coordinators. */
  readonly calendarLeadDays: readonly number[];
  /** Working days before a service standard's figure is due (0: the due day); see figure-reminders.ts. */
  readonly figureLeadWorkingDays: readonly number[];
  /** Hour (Europe/London) the day's reminders go out. */
  readonly sendHour: number;
}

export const DEFAULT_POLICY: ReminderPolicy = {
  actionLeadWorkingDays: [30, 7, 1],
  overdueEveryDays: 7,
  overdueRepeats: 4,
  escalateAfterDays: 14,
  elementLeadWorkingDays: [10, 3, 1],
  calendarLeadDays: [90, 30, 7],
  figureLeadWorkingDays: [3, 0],
  sendHour: 9,
};

/** One day an action's reminder goes out, and to whom. */
export interface ActionReminderDay {
  readonly on: IsoDate;
  readonly toOwner: boolean;
  readonly toLead: boolean;
}

/** The last working day on or before `date`. */
export function workingDayOnOrBefore(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** Every reminder day of an action with `dueOn`, in date order (same-day reminders merged). */
export function actionReminderDays(dueOn: IsoDate, policy: ReminderPolicy = DEFAULT_POLICY): ActionReminderDay[] {
  const days = new Map<IsoDate, { toOwner: boolean; toLead: boolean }>();
  const add = (on: IsoDate, who: "toOwner" | "toLead") =>
    days.set(on, { ...(days.get(on) ?? { toOwner: false, toLead: false }), [who]: true });
  for (const n of policy.actionLeadWorkingDays) add(addWorkingDays(dueOn, -n), "toOwner");
  // The day it becomes overdue, then every week for a while.
  for (let k = 0; k <= policy.overdueRepeats; k++) add(workingDayOnOrAfter(addDays(dueOn, 1 + k * policy.overdueEveryDays)), "toOwner");
  add(workingDayOnOrAfter(addDays(dueOn, policy.escalateAfterDays + 1)), "toLead");
  return [...days.entries()].map(([on, who]) => ({ on, ...who })).sort((a, b) => a.on.localeCompare(b.on));
}

/**
 * The next reminder of an action after `after` (a date already reminded, or today when it was
 * just saved), or undefined when none is left. Done, cancelled and on-hold actions get none; a
 * snoozed one is quiet until its snooze ends and is reminded that day.
 */
export function nextActionReminder(
  action: Pick<ImprovementAction, "dueOn" | "status" | "snoozedUntil">,
  after: IsoDate,
  policy: ReminderPolicy = DEFAULT_POLICY,
): ActionReminderDay | undefined {
  if (isClosed(action) || action.status === "on-hold") return undefined;
  const snoozeEnd = action.snoozedUntil && action.snoozedUntil > after ? workingDayOnOrAfter(action.snoozedUntil) : undefined;
  // A snooze quietens the owner only: the lead still hears when an action is long overdue.
  const next = actionReminderDays(action.dueOn, policy)
    .filter((d) => d.on > after)
    .map((d) => (snoozeEnd && d.on < snoozeEnd ? { ...d, toOwner: false } : d))
    .find((d) => d.toOwner || d.toLead);
  if (snoozeEnd && (!next || next.on > snoozeEnd)) return { on: snoozeEnd, toOwner: true, toLead: false };
  if (snoozeEnd && next && next.on === snoozeEnd) return { ...next, toOwner: true };
  return next;
}

/**
 * Who hears about an action whose reminder row, dated `on`, is sent on `day`. Runs missed in
 * between (the service was down) are caught up: whoever any of those days was for hears once.
 */
export function actionReminderOn(
  action: Pick<ImprovementAction, "dueOn" | "snoozedUntil">,
  on: IsoDate,
  day: IsoDate = on,
  policy: ReminderPolicy = DEFAULT_POLICY,
): ActionReminderDay {
  const snoozeEnd = action.snoozedUntil ? workingDayOnOrAfter(action.snoozedUntil) : undefined;
  const missed = actionReminderDays(action.dueOn, policy).filter((d) => d.on >= on && d.on <= day);
  // A row not on the schedule is a snooze ending: for the owner.
  if (missed.length === 0) return { on, toOwner: true, toLead: false };
  return {
    on,
    toOwner:
      missed.some((d) => d.toOwner && !(snoozeEnd && d.on < snoozeEnd)) || (snoozeEnd !== undefined && snoozeEnd >= on && snoozeEnd <= day),
    toLead: missed.some((d) => d.toLead),
  };
}

/** A dated reminder of something that is not an action (a due date, a visit, a deadline). */
export interface Milestone {
  /** Unique within its source: which reminder this is, for deduplication. */
  readonly key: string;
  readonly on: IsoDate;
  /** The date it is a reminder of. */
  readonly target: IsoDate;
}

/** A source's pending milestone (a campaign's deadline, a visit, a figure) and the people it is for; `cursor` names it in the outbox. */
export interface DatedSource {
  readonly cursor: string;
  readonly milestone: Milestone;
  readonly items: readonly { readonly to: Person; readonly item: ReminderItem }[];
}

/** Reminders before a campaign's self-assessment due date, and one the day after it is missed. */
export function elementDeadlineMilestones(dueDate: IsoDate, policy: ReminderPolicy = DEFAULT_POLICY): Milestone[] {
  const before = policy.elementLeadWorkingDays.map((n) => ({ key: `due-${n}wd`, on: addWorkingDays(dueDate, -n), target: dueDate }));
  return [...before, { key: "missed", on: workingDayOnOrAfter(addDays(dueDate, 1)), target: dueDate }];
}

/** Reminders `calendarLeadDays` days before a visit or an evidence deadline, on the working day before when needed. */
export function calendarMilestones(what: string, target: IsoDate, policy: ReminderPolicy = DEFAULT_POLICY): Milestone[] {
  return policy.calendarLeadDays.map((n) => ({ key: `${what}-${n}d`, on: workingDayOnOrBefore(addDays(target, -n)), target }));
}

/**
 * Which milestone to send on `today`: the latest one that has come (on or before today) and was
 * not sent yet (after `sentUpTo`, the date of the last one sent), while its date is still ahead
 * or just missed. Several that came while nothing ran collapse into one: people get the latest
 * news, not a backlog. Without `sentUpTo`, only milestones of the last `catchUpDays` count.
 */
export function dueMilestone(
  milestones: readonly Milestone[],
  today: IsoDate,
  sentUpTo: IsoDate | undefined,
  catchUpDays = 7,
): Milestone | undefined {
  return latestUnsent(
    milestones.filter((m) => m.target >= today || m.key === "missed"),
    today,
    sentUpTo,
    catchUpDays,
  );
}

/** Of `milestones`, the latest that has come and was not sent yet (the rule of `dueMilestone`, for any date). */
export function latestUnsent(
  milestones: readonly Milestone[],
  today: IsoDate,
  sentUpTo: IsoDate | undefined,
  catchUpDays = 7,
): Milestone | undefined {
  const from = sentUpTo ?? addDays(today, -catchUpDays - 1);
  const due = milestones.filter((m) => m.on <= today && m.on > from);
  return due.sort((a, b) => a.on.localeCompare(b.on)).at(-1);
}

/** The London day whose reminders may go out at `now` (a working day, from the send hour), or undefined. */
export function sendingDay(now: Date, policy: ReminderPolicy = DEFAULT_POLICY): IsoDate | undefined {
  const today = londonDay(now);
  return isWorkingDay(today) && now >= londonTime(today, policy.sendHour) ? today : undefined;
}

/** One thing a reminder message tells someone about. `key` identifies it for deduplication. */
export type ReminderItem =
  | {
      readonly kind: "action";
      readonly key: string;
      readonly id: string;
      readonly title: string;
      readonly refs: readonly string[];
      readonly dueOn: IsoDate;
      /** Set when the reader is the campaign lead, not the owner. */
      readonly ownerName?: string;
    }
  | {
      readonly kind: "elements";
      readonly key: string;
      readonly campaignId: string;
      readonly campaignName: string;
      readonly dueOn: IsoDate;
      /** Elements not yet submitted, as "unit-id 3.2.1", first few only. */
      readonly picks: readonly string[];
      readonly count: number;
    }
  | {
      readonly kind: "date";
      readonly key: string;
      readonly scopeName: string;
      /** "Annual review, year 1" or "Evidence for annual review, year 1". */
      readonly label: string;
      readonly on: IsoDate;
    }
  | {
      /** A service standard's figure for its last finished period, to its owner. */
      readonly kind: "figure";
      readonly key: string;
      readonly standardId: string;
      readonly promise: string;
      /** "2026-10", "2026/27-Q2". */
      readonly periodId: string;
      readonly dueOn: IsoDate;
    }
  | {
      /** For coordinators: the standards whose figure for their last period is overdue. */
      readonly kind: "unreported";
      readonly key: string;
      /** The first few, longest overdue first. */
      readonly picks: readonly { readonly promise: string; readonly ownerName: string }[];
      readonly count: number;
    };

/** A message shows at most this many items; the rest wait for the next day. */
export const MAX_ITEMS_PER_MESSAGE = 25;

/** How a figure item is named in a reminder's "handled" map (action ids are digits only, so never the same). */
export function figureHandledKey(item: { readonly standardId: string; readonly periodId: string }): string {
  return `figure|${item.standardId}|${item.periodId}`;
}
