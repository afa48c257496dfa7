/**
 * When a service standard's owner is reminded to record a period's figure, and when coordinators
 * hear who has not. Only the last finished period is asked for: once the next period ends, that
 * is the figure owed. A figure is due `figureDue` (10 working days) after its period ends, a short
 * window, so the cadence is an action's scaled down to it:
 *
 *   - the first working day after the period ends: "due by <date>" (it can be recorded now);
 *   - `figureLeadWorkingDays` before it is due: 3 working days (as an action's week ahead) and 0,
 *     the due day itself (the last call, as an action's day before; figureDue is always a working
 *     day, so this never moves);
 *   - while it is missing: the working day after it was due, then every `overdueEveryDays`,
 *     `overdueRepeats` more times, exactly as an overdue action, so it does not nag for ever.
 *
 * Reminders that land on the same day merge into one. Coordinators hear which figures are overdue
 * (past their due date; those still inside their window have not failed yet), at most every
 * `overdueEveryDays`, for as long as any is. Pure: dates in, dates out.
 */
import { addDays, addWorkingDays, type IsoDate, workingDayOnOrAfter } from "./calendar.js";
import { figureDue, periodContaining, previousPeriod, type Frequency, type Period } from "./periods.js";
import { DEFAULT_POLICY, latestUnsent, type Milestone, type ReminderPolicy } from "./reminders.js";
import type { Figure, ServiceStandard } from "./standards.js";

/** The period whose figure is owed on `day`: the last one finished. */
export function periodOwed(frequency: Frequency, day: IsoDate): Period {
  return previousPeriod(periodContaining(day, frequency));
}

/** Every reminder of `period`'s figure to its owner, in date order, one a day; `target` is the due date. */
export function figureMilestones(period: Period, policy: ReminderPolicy = DEFAULT_POLICY): Milestone[] {
  const due = figureDue(period);
  const open = workingDayOnOrAfter(addDays(period.end, 1));
  const all: Milestone[] = [
    { key: "open", on: open, target: due },
    ...policy.figureLeadWorkingDays.map((n) => ({ key: `due-${n}wd`, on: addWorkingDays(due, -n), target: due })),
    ...Array.from({ length: policy.overdueRepeats + 1 }, (_, k) => ({
      key: `overdue-${k}`,
      on: workingDayOnOrAfter(addDays(due, 1 + k * policy.overdueEveryDays)),
      target: due,
    })),
  ];
  // Nothing before the period has ended (a lead longer than the window); the first of a day stands for it.
  const byDay = new Map<IsoDate, Milestone>();
  for (const m of all.sort((a, b) => a.on.localeCompare(b.on))) if (m.on >= open && !byDay.has(m.on)) byDay.set(m.on, m);
  return [...byDay.values()];
}

/**
 * The reminder of `period`'s figure to send on `today`, if any: the latest that has come and was
 * not sent (after `sentUpTo`, the day the standard's last one went). Several that came while
 * nothing ran collapse into one; without `sentUpTo`, only those of the last `catchUpDays` count.
 */
export function dueFigureReminder(
  period: Period,
  today: IsoDate,
  sentUpTo: IsoDate | undefined,
  policy: ReminderPolicy = DEFAULT_POLICY,
  catchUpDays = 7,
): Milestone | undefined {
  return latestUnsent(figureMilestones(period, policy), today, sentUpTo, catchUpDays);
}

/** A standard whose figure for its last finished period has not been recorded. */
export interface FigureOwed<S extends Pick<ServiceStandard, "id" | "frequency"> = ServiceStandard> {
  readonly standard: S;
  readonly period: Period;
  readonly dueOn: IsoDate;
}

/** The standards with no figure for their last finished period on `day`. */
export function figuresOwed<S extends Pick<ServiceStandard, "id" | "frequency">>(
  standards: readonly S[],
  figures: readonly Pick<Figure, "standardId" | "periodId">[],
  day: IsoDate,
): FigureOwed<S>[] {
  const recorded = new Set(figures.map((f) => `${f.standardId}|${f.periodId}`));
  return standards.flatMap((standard) => {
    const period = periodOwed(standard.frequency, day);
    return recorded.has(`${standard.id}|${period.id}`) ? [] : [{ standard, period, dueOn: figureDue(period) }];
  });
}

/** Of `owed`, those past their due date on `day`, longest overdue first. */
export function figuresOverdue<S extends Pick<ServiceStandard, "id" | "frequency">>(
  owed: readonly FigureOwed<S>[],
  day: IsoDate,
): FigureOwed<S>[] {
  return owed.filter((o) => o.dueOn < day).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** Whether coordinators hear about `overdue` figures on `day`, last told on `lastToldOn`: at most every `overdueEveryDays`. */
export function tellCoordinators(
  overdue: number,
  day: IsoDate,
  lastToldOn: IsoDate | undefined,
  policy: ReminderPolicy = DEFAULT_POLICY,
): boolean {
  return overdue > 0 && (lastToldOn === undefined || day >= addDays(lastToldOn, policy.overdueEveryDays));
}
