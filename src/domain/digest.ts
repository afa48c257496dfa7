/**
 * Channel digests: when a channel gets its compliance summary (weekly on a weekday, or monthly
 * on a day of the month, at a time, Europe/London, moved to the next working day), and which
 * period a post belongs to, so each channel gets exactly one per period. Pure.
 */
import { DateTime } from "luxon";
import { LONDON, londonTime, workingDayOnOrAfter, type IsoDate } from "./calendar.js";
import { ok, refuse, type Result } from "./refusal.js";

export type Cadence = "weekly" | "monthly";

export interface DigestSchedule {
  readonly cadence: Cadence;
  /** Weekly: 1 (Monday) to 5 (Friday). */
  readonly weekday: number;
  /** Monthly: 1 to 28, so every month has it. */
  readonly monthDay: number;
  readonly hour: number;
  readonly minute: number;
}

export const DEFAULT_SCHEDULE: DigestSchedule = { cadence: "weekly", weekday: 1, monthDay: 1, hour: 9, minute: 0 };

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"];

/** The period `now` falls in ("2026-W48", "2026-11") and when that period's digest is due. */
export function periodOf(schedule: DigestSchedule, now: Date): { readonly key: string; readonly dueAt: Date } {
  const today = DateTime.fromJSDate(now, { zone: LONDON });
  let day: IsoDate;
  let key: string;
  if (schedule.cadence === "weekly") {
    key = `${today.weekYear}-W${String(today.weekNumber).padStart(2, "0")}`;
    day = today.set({ weekday: schedule.weekday as 1 }).toISODate()!;
  } else {
    key = today.toFormat("yyyy-MM");
    day = today.set({ day: schedule.monthDay }).toISODate()!;
  }
  // A bank holiday moves it to the next working day, unless that is in the next period.
  const shifted = workingDayOnOrAfter(day);
  const samePeriod =
    schedule.cadence === "weekly"
      ? DateTime.fromISO(shifted, { zone: LONDON }).weekNumber === today.weekNumber
      : shifted.slice(0, 7) === key;
  return { key, dueAt: londonTime(samePeriod ? shifted : day, schedule.hour, schedule.minute) };
}

/** The period whose digest should be posted at `now`, or undefined (not yet due, or already posted). */
export function duePeriod(schedule: DigestSchedule, now: Date, lastPosted: string | undefined): string | undefined {
  const { key, dueAt } = periodOf(schedule, now);
  return now >= dueAt && lastPosted !== key ? key : undefined;
}

/** "digest weekly", "digest weekly friday 16:30", "digest monthly 1 09:00": the words after "digest". */
export function parseSchedule(words: readonly string[]): Result<DigestSchedule> {
  const [cadence, ...rest] = words.map((w) => w.toLowerCase());
  if (cadence !== "weekly" && cadence !== "monthly")
    return refuse(
      "invalid-payload",
      "Say how often: digest weekly, digest monthly or digest off (for example: digest weekly monday 09:00).",
    );
  let schedule: DigestSchedule = { ...DEFAULT_SCHEDULE, cadence };
  for (const word of rest) {
    const time = /^(\d{1,2})[:.](\d{2})$/.exec(word);
    const weekday = WEEKDAYS.findIndex((d) => d.startsWith(word.slice(0, 3)) && word.length >= 3);
    if (time) {
      const [hour, minute] = [Number(time[1]), Number(time[2])];
      if (hour > 23 || minute > 59)
        return refuse("invalid-payload", `"${word}" is not a time of day. Use the 24-hour clock, for example 09:00 or 16:30.`);
      schedule = { ...schedule, hour, minute };
    } else if (cadence === "weekly" && weekday >= 0) schedule = { ...schedule, weekday: weekday + 1 };
    else if (cadence === "monthly" && /^\d{1,2}$/.test(word) && Number(word) >= 1 && Number(word) <= 28)
      schedule = { ...schedule, monthDay: Number(word) };
    else
      return refuse(
        "invalid-payload",
        cadence === "weekly"
          ? `"${word.slice(0, 20)}" is not a working day. Say monday to friday, and a time such as 09:00.`
          : `"${word.slice(0, 20)}" is not a day of the month from 1 to 28, or a time such as 09:00.`,
      );
  }
  return ok(schedule);
}

/** "every Monday at 09:00", "on the 1st of each month at 09:00". */
export function describeSchedule(s: DigestSchedule): string {
  const time = `${String(s.hour).padStart(2, "0")}:${String(s.minute).padStart(2, "0")}`;
  if (s.cadence === "weekly") return `every ${WEEKDAYS[s.weekday - 1]!.replace(/^./, (c) => c.toUpperCase())} at ${time}`;
  const suffix =
    s.monthDay % 10 === 1 && s.monthDay !== 11
      ? "st"
      : s.monthDay % 10 === 2 && s.monthDay !== 12
        ? "nd"
        : s.monthDay % 10 === 3 && s.monthDay !== 13
          ? "rd"
          : "th";
  return `on the ${s.monthDay}${suffix} of each month at ${time}`;
}
