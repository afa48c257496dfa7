/**
 * Councils' working calendar: days in Europe/London, working days Monday to Friday except England
 * and Wales bank holidays. Bank holidays come from `date-holidays` (it carries the one-offs, such
 * as 2022's State Funeral and 2023's Coronation, and the substitute days); times across the clock
 * changes from `luxon`. Pure: no I/O, no clock of its own.
 */
import Holidays from "date-holidays";
import { DateTime } from "luxon";

export const LONDON = "Europe/London";

/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string;

// England and Wales share one list of bank holidays; "ENG" is date-holidays' name for it.
const holidays = new Holidays("GB", "ENG");
const bankHolidaysByYear = new Map<number, ReadonlySet<IsoDate>>();

function bankHolidays(year: number): ReadonlySet<IsoDate> {
  let days = bankHolidaysByYear.get(year);
  if (!days) {
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10)),
    );
    bankHolidaysByYear.set(year, days);
  }
  return days;
}

/**
 * A calendar date for date arithmetic. Days, weekdays and months are the same in every zone, so
 * this uses UTC: in a zone with a clock change luxon asks Intl for the offset at every step. With
 * that, and luxon for the working-day walk, an element card with 20 service standards spent 12 ms
 * working out their figures' due dates (npm run bench, "assess 4.1.2").
 */
function day(date: IsoDate): DateTime {
  const d = DateTime.fromISO(date, { zone: "utc" });
  if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not a calendar date: ${date}`);
  return d;
}

/** A real calendar date written YYYY-MM-DD (what Input.Date sends). */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: "utc" }).isValid;
}

export function isBankHoliday(date: IsoDate): boolean {
  return bankHolidays(day(date).year).has(date);
}

export function isWorkingDay(date: IsoDate): boolean {
  return working(utcMidnight(date));
}

/** `date` moved by `count` working days (negative: back); a non-working start counts from the next working day. */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  const d = utcMidnight(date);
  const step = count < 0 ? -1 : 1;
  let left = Math.abs(count);
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + step);
    if (working(d)) left--;
  }
  return isoOf(d);
}

/** The first working day on or after `date`. */
export function workingDayOnOrAfter(date: IsoDate): IsoDate {
  const d = utcMidnight(date);
  while (!working(d)) d.setUTCDate(d.getUTCDate() + 1);
  return isoOf(d);
}

// Day-by-day walks (working days) use plain UTC dates: luxon's objects cost more than the walk.
function utcMidnight(date: IsoDate): Date {
  day(date); // refuses what is not a calendar date
  return new Date(`${date}T00:00:00Z`);
}

function isoOf(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

function working(d: Date): boolean {
  const weekday = d.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !bankHolidays(d.getUTCFullYear()).has(isoOf(d));
}

/** The London calendar date at an instant. */
export function londonDay(at: Date): IsoDate {
  return DateTime.fromJSDate(at, { zone: LONDON }).toISODate()!;
}

/** The instant of a wall-clock time in London on `date` (09:00 is 08:00 UTC in summer, 09:00 in winter). */
export function londonTime(date: IsoDate, hour: number, minute = 0): Date {
  day(date); // refuses what is not a calendar date
  return DateTime.fromISO(date, { zone: LONDON }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return day(date).plus({ days }).toISODate()!;
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  return day(date).plus({ months }).toISODate()!;
}

/** The certification cycle from a certification date: two annual reviews and a reassessment. */
export interface CertificationCalendar {
  readonly certifiedOn: IsoDate;
  readonly visits: readonly {
    readonly kind: "annual-review-1" | "annual-review-2" | "reassessment";
    readonly date: IsoDate;
    readonly evidenceDue: IsoDate;
  }[];
}

/**
 * Default dates: reviews at +12 and +24 months, reassessment at +36; each visit's evidence is due
 * `evidenceLeadWorkingDays` working days before it (assessors review documents before they visit).
 */
export function certificationCalendar(certifiedOn: IsoDate, evidenceLeadWorkingDays = 10): CertificationCalendar {
  const visit = (kind: CertificationCalendar["visits"][number]["kind"], months: number) => {
    const date = workingDayOnOrAfter(addMonths(certifiedOn, months));
    return { kind, date, evidenceDue: addWorkingDays(date, -evidenceLeadWorkingDays) };
  };
  return { certifiedOn, visits: [visit("annual-review-1", 12), visit("annual-review-2", 24), visit("reassessment", 36)] };
}

const DAY_NAME = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

/** A calendar date as people read it: "31 Mar 2027". */
export function formatLondonDay(date: IsoDate): string {
  return DAY_NAME.format(new Date(`${day(date).toISODate()}T12:00:00Z`));
}

/** Calendar days from `from` to `to` (negative when `to` has passed). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "in 143 days", "12 days ago", "today", as people say it. */
export function relativeDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
