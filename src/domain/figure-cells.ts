/**
 * One cell of an imported table of figures (figure-import.ts): a period however a council writes
 * it ("April 2026", "Apr-26", "04/2026", "Q1 2026/27", "2026-27 Q1", a day inside it), or a number
 * ("92", "92%", "1,234"). A cell is read as written and never evaluated: "=SUM(A1)" is refused,
 * not worked out, and a fraction is not turned into a percentage by guesswork. Each answer is the
 * value, or why the cell cannot be one, in words a coordinator reads. Pure; every pattern is linear.
 */
import { isIsoDate, type IsoDate } from "./calendar.js";
import { currentPeriod, financialQuarter, monthPeriod, periodContaining, type Frequency, type Period } from "./periods.js";
import type { Measure } from "./performance.js";
import { cleanLine } from "./typed-text.js";

/** A cell's text in quotes, cut short: what a reason shows of what was written. */
export function quoted(text: string): string {
  const line = cleanLine(text.slice(0, 200));
  return `"${line.length > 60 ? `${line.slice(0, 57).trimEnd()}…` : line}"`;
}

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const QUARTER = String.raw`(?:q|quarter\s*)([1-4])`;
const FINANCIAL_YEAR = String.raw`(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})`;

type Written =
  | { readonly kind: "month"; readonly year: number; readonly month: number }
  | { readonly kind: "quarter"; readonly startYear: number; readonly quarter: number }
  | { readonly kind: "day"; readonly day: IsoDate };

type Reader = { readonly pattern: RegExp; readonly read: (m: RegExpExecArray) => Written | undefined };

const pad = (n: number) => String(n).padStart(2, "0");
const month = (year: number, m: number): Written | undefined => (m >= 1 && m <= 12 ? { kind: "month", year, month: m } : undefined);
const day = (year: string, m: string, d: string): Written | undefined => {
  const iso = `${year}-${pad(Number(m))}-${pad(Number(d))}`;
  return isIsoDate(iso) ? { kind: "day", day: iso } : undefined;
};
/** "2026/27" and "2026-2027" follow on; "2026/28" does not. */
const quarter = (q: string, first: string, second: string): Written | undefined => {
  const start = Number(first);
  const end = second.length === 2 ? Math.floor(start / 100) * 100 + Number(second) : Number(second);
  return end === start + 1 ? { kind: "quarter", startYear: start, quarter: Number(q) } : undefined;
};

const READERS: readonly Reader[] = [
  { pattern: /^(\d{4})-(\d{1,2})$/, read: (m) => month(Number(m[1]), Number(m[2])) },
  { pattern: /^(\d{1,2})\s*[/.-]\s*(\d{4})$/, read: (m) => month(Number(m[2]), Number(m[1])) },
  {
    pattern: new RegExp(String.raw`^${MONTH}\.?[\s,'’-]*(\d{4}|\d{2})$`, "i"),
    read: (m) => month(m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]), MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1),
  },
  { pattern: new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}$`, "i"), read: (m) => day(m[1]!, m[2]!, m[3]!) },
  { pattern: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, read: (m) => day(m[3]!, m[2]!, m[1]!) },
  { pattern: new RegExp(String.raw`^${QUARTER}[\s,-]*${FINANCIAL_YEAR}$`, "i"), read: (m) => quarter(m[1]!, m[2]!, m[3]!) },
  { pattern: new RegExp(String.raw`^${FINANCIAL_YEAR}[\s,-]*${QUARTER}$`, "i"), read: (m) => quarter(m[3]!, m[1]!, m[2]!) },
];

/** "Q1 2026/27": how a quarter is written in a reason. */
const quarterName = (p: Period) => p.id.replace(/^(.+)-(Q\d)$/, "$2 $1");

function writtenPeriod(text: string): Written | string {
  const line = cleanLine(text.slice(0, 200));
  if (!line) return "no period given";
  for (const { pattern, read } of READERS) {
    const m = pattern.exec(line);
    if (m) return read(m) ?? `${quoted(line)} is not a real month, day or quarter`;
  }
  if (new RegExp(String.raw`^${QUARTER}\s*\d{4}$|^\d{4}\s*${QUARTER}$`, "i").test(line))
    return `${quoted(line)} could be a calendar or a financial quarter; write the financial year, e.g. Q1 2026/27`;
  return `${quoted(line)} is not a period I can read; write it as April 2026 or Q1 2026/27`;
}

/** The period a cell names for a standard reported `frequency`, if it has finished by `now` (in London). */
export function periodIn(text: string, frequency: Frequency, now: Date): Period | string {
  const written = writtenPeriod(text);
  if (typeof written === "string") return written;
  const year = written.kind === "quarter" ? written.startYear : written.kind === "month" ? written.year : Number(written.day.slice(0, 4));
  if (year < 2000 || year > 2099) return `${quoted(text)} is not a year I expect figures for`;
  let period: Period;
  if (written.kind === "day") period = periodContaining(written.day, frequency);
  else if (written.kind === "month") {
    period = monthPeriod(written.year, written.month);
    if (frequency === "quarterly")
      return `this standard is reported quarterly; write the quarter, e.g. ${quarterName(periodContaining(period.start, "quarterly"))}`;
  } else {
    period = financialQuarter(written.startYear, written.quarter);
    if (frequency === "monthly")
      return `this standard is reported monthly; write the month, e.g. ${periodContaining(period.start, "monthly").label}`;
  }
  if (period.start >= currentPeriod(now, frequency).start) return `${period.label} is not finished yet`;
  return period;
}

/** Text a spreadsheet would take as a formula: "=SUM(A1)", "@SUM(A1)", "+A1", "-A1". */
export function looksLikeFormula(text: string): boolean {
  return /^(?:=|[+\-@]\s*[\p{L}_(])/u.test(text);
}

/** What a figure may be, typed on a card or imported: beyond these, no council reports it. */
export const FIGURE_LIMITS = { value: 1_000_000, count: 10_000_000, noteChars: 300 } as const;
const LARGEST = FIGURE_LIMITS;
const NUMBER = /^(-?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(%?)$/;

const tooLarge = (what: string, line: string) => `the ${what} ${quoted(line)} is larger than any a council reports; check it`;

/**
 * A value, count or comparator as written, for a standard measured by `measure`: undefined when
 * the cell is empty. "92%" and "92" are both 92 for a percentage; "0.92" is refused rather than
 * guessed at (0.92% and 92% are both possible; a cell Excel formats as a percentage reads "92%").
 */
export function cellNumber(text: string, what: "value" | "count" | "comparator", measure: Measure): number | string | undefined {
  const line = cleanLine(text.slice(0, 200));
  if (!line) return undefined;
  if (looksLikeFormula(line)) return `the ${what} looks like a spreadsheet formula, not a number`;
  const m = line.length <= 40 ? NUMBER.exec(line) : null;
  const n = m ? Number(`${m[1]}${m[2]!.replace(/,/g, "")}`) : NaN;
  if (!m || !Number.isFinite(n)) return `the ${what} ${quoted(line)} is not a number`;
  const percent = m[3] === "%";
  if (what === "count") {
    if (percent || !Number.isSafeInteger(n) || n < 0) return `the count ${quoted(line)} is not a whole number of cases`;
    return n > LARGEST.count ? tooLarge(what, line) : n;
  }
  if (n < 0) return `the ${what} ${quoted(line)} is below zero`;
  if (n > LARGEST.value) return tooLarge(what, line);
  if (measure.kind !== "percentage") return percent ? `the ${what} ${quoted(line)} is a percentage, but this standard is not` : n;
  if (n > 100) return `the ${what} ${quoted(line)} is not a percentage between 0 and 100`;
  if (!percent && n > 0 && n < 1)
    return `the ${what} ${quoted(line)} could be ${n}% or ${Number((n * 100).toPrecision(15))}%; write it with the % sign`;
  return n;
}
