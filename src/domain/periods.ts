/**
 * Reporting periods of a council's performance figures, on the UK public-sector financial year
 * (1 April to 31 March; Q1 is April to June): months and quarters, their labels ("Q1 2026/27",
 * "April 2026"), the period a London day falls in, the ones before it, and when a period's figure
 * is due (working days after it ends). Dates are London calendar days, so the clock change never
 * moves a period. Pure.
 */
import { addWorkingDays, isIsoDate, londonDay, type IsoDate } from "./calendar.js";

export type Frequency = "monthly" | "quarterly";

export interface Period {
  readonly frequency: Frequency;
  /** "2026-04" for April 2026; "2026/27-Q1" for the first quarter of the financial year 2026/27. */
  readonly id: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** "April 2026", "Q1 2026/27 (April to June 2026)". */
  readonly label: string;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The financial year a day falls in, by the calendar year it starts: 2026 for 2026/27. */
export function financialYearOf(day: IsoDate): number {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}

/** "2026/27". */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${pad((startYear + 1) % 100)}`;
}

/** Month `m` (1 to 12) of `year`. */
export function monthPeriod(year: number, m: number): Period {
  return {
    frequency: "monthly",
    id: `${year}-${pad(m)}`,
    start: `${year}-${pad(m)}-01`,
    end: `${year}-${pad(m)}-${pad(lastDay(year, m))}`,
    label: `${MONTHS[m - 1]} ${year}`,
  };
}

/** Quarter `q` (1 to 4) of the financial year starting in April of `startYear`. */
export function financialQuarter(startYear: number, q: number): Period {
  const firstMonth = 4 + 3 * (q - 1); // 4, 7, 10, 13 (January of the next year)
  const year = firstMonth > 12 ? startYear + 1 : startYear;
  const m = ((firstMonth - 1) % 12) + 1;
  const lastMonth = m + 2;
  return {
    frequency: "quarterly",
    id: `${financialYearLabel(startYear)}-Q${q}`,
    start: `${year}-${pad(m)}-01`,
    end: monthPeriod(year, lastMonth).end,
    label: `Q${q} ${financialYearLabel(startYear)} (${MONTHS[m - 1]} to ${MONTHS[lastMonth - 1]} ${year})`,
  };
}

/** The period of `frequency` that London day `day` falls in. */
export function periodContaining(day: IsoDate, frequency: Frequency): Period {
  const [year, m] = day.split("-").map(Number) as [number, number];
  if (frequency === "monthly") return monthPeriod(year, m);
  const startYear = financialYearOf(day);
  const q = Math.floor(((m - 4 + 12) % 12) / 3) + 1;
  return financialQuarter(startYear, q);
}

/** The period in progress at instant `at` in London (a figure for it is not due yet). */
export function currentPeriod(at: Date, frequency: Frequency): Period {
  return periodContaining(londonDay(at), frequency);
}

/** The period just before `period`. */
export function previousPeriod(period: Period): Period {
  const [y, m, d] = period.start.split("-").map(Number) as [number, number, number];
  const before = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return periodContaining(before, period.frequency);
}

/** The `count` periods ending with `last`, oldest first. */
export function periodsEndingWith(last: Period, count: number): Period[] {
  const out = [last];
  while (out.length < count) out.unshift(previousPeriod(out[0]!));
  return out;
}

/** A period by its id ("2026-04", "2026/27-Q1"), or undefined when the id is not one. */
export function periodById(id: string): Period | undefined {
  const monthly = /^(\d{4})-(\d{2})$/.exec(id);
  if (monthly) {
    const m = Number(monthly[2]);
    return m >= 1 && m <= 12 ? monthPeriod(Number(monthly[1]), m) : undefined;
  }
  const quarterly = /^(\d{4})\/(\d{2})-Q([1-4])$/.exec(id);
  if (!quarterly) return undefined;
  const startYear = Number(quarterly[1]);
  if ((startYear + 1) % 100 !== Number(quarterly[2])) return undefined;
  return financialQuarter(startYear, Number(quarterly[3]));
}

/** When a period's figure is due: `workingDays` working days after it ends (10 unless the council says otherwise). */
export function figureDue(period: Period, workingDays = 10): IsoDate {
  if (!isIsoDate(period.end)) throw new Error(`not a period: ${period.id}`);
  return addWorkingDays(period.end, workingDays);
}

/** "Q2 2026/27", "October 2026": a period's name without the months of a quarter. */
export function periodName(period: Period): string {
  return period.label.replace(/ \(.*\)$/, "");
}

/** "Q2 26/27", "Oct 26": short enough for a chart's axis. */
export function shortPeriodName(period: Period): string {
  if (period.frequency === "quarterly") return periodName(period).replace(/ (\d{2})(\d{2})\//, " $2/");
  return `${periodName(period).slice(0, 3)} ${period.start.slice(2, 4)}`;
}

/** "quarter", "months". */
export function periodNoun(period: Pick<Period, "frequency">, count = 1): string {
  const noun = period.frequency === "quarterly" ? "quarter" : "month";
  return count === 1 ? noun : `${noun}s`;
}
