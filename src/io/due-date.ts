/**
 * A due date as action plans write it: "31/03/2027", "1 April 2001", "By July 2001" and "March
 * 2027" (the month's last day), "Q3 2026/27" (a quarter of the council's financial year, April to
 * March: its last day), "Q3 2026" (a calendar quarter), "2026/27" (the financial year's last day).
 * Of several, the first the text names. Pure; every pattern is linear.
 */
import { isIsoDate, type IsoDate } from "../domain/calendar.js";
import { financialQuarter, monthPeriod } from "../domain/periods.js";

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const pad = (n: number) => String(n).padStart(2, "0");

/** A financial year written "2026/27" or "2026-2027": the year it starts, if the two parts follow on. */
function financialYear(first: string, second: string): number | undefined {
  const start = Number(first);
  const end = second.length === 2 ? Math.floor(start / 100) * 100 + Number(second) : Number(second);
  return end === start + 1 ? start : undefined;
}

type Reader = { readonly pattern: RegExp; readonly read: (m: RegExpExecArray) => string | undefined };

const READERS: readonly Reader[] = [
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => `${m[1]}-${m[2]}-${m[3]}` },
  { pattern: /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g, read: (m) => `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}` },
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(\\d{4})\\b`, "gi"),
    read: (m) => `${m[3]}-${pad(monthNumber(m[2]!))}-${pad(Number(m[1]))}`,
  },
  {
    pattern: /\bQ([1-4])\s*(?:of\s+)?(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})\b/gi,
    read: (m) => {
      const start = financialYear(m[2]!, m[3]!);
      if (start === undefined) return undefined;
      return financialQuarter(start, Number(m[1])).end;
    },
  },
  { pattern: /\bQ([1-4])\s+(\d{4})\b(?!\s*[/-]\s*\d)/gi, read: (m) => monthPeriod(Number(m[2]), 3 * Number(m[1])).end },
  { pattern: new RegExp(`\\b${MONTH}\\.?,?\\s+(\\d{4})\\b`, "gi"), read: (m) => monthPeriod(Number(m[2]), monthNumber(m[1]!)).end },
  {
    pattern: /(?<![\d/])(\d{4})\s*\/\s*(\d{2})(?![\d/])/g,
    read: (m) => {
      const start = financialYear(m[1]!, m[2]!);
      return start === undefined ? undefined : financialQuarter(start, 4).end;
    },
  },
];

/** The first due date `text` names and the words that name it, or undefined. */
export function dueDateMatch(text: string): { readonly on: IsoDate; readonly written: string; readonly at: number } | undefined {
  const value = text.slice(0, 400);
  let best: { at: number; on: IsoDate; written: string } | undefined;
  for (const { pattern, read } of READERS) {
    for (const m of value.matchAll(pattern)) {
      const on = read(m);
      if (!on || !isIsoDate(on)) continue;
      // A day inside a longer match ("1 April 2001" holds "April 2001") keeps the more exact reading.
      if (!best || m.index < best.at) best = { at: m.index, on, written: m[0] };
      break;
    }
  }
  return best;
}

/** The first due date `text` names, or undefined. */
export function dueDateIn(text: string): IsoDate | undefined {
  return dueDateMatch(text)?.on;
}

/** The date a sentence sets as a deadline: "by June 2009", "before October 2009", "no later than 31/03/2027". */
export function deadlineIn(text: string): { readonly on: IsoDate; readonly written: string } | undefined {
  for (const m of text.slice(0, 5000).matchAll(/\b(?:by|before|no\s+later\s+than|in)\s+(?:the\s+end\s+of\s+)?/gi)) {
    const found = dueDateMatch(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
    if (found?.at === 0) return { on: found.on, written: `${m[0]}${found.written}`.trim() };
  }
  return undefined;
}
