/**
 * Reading the pieces of an assessor report's text: rating labels, element refs, dates, section
 * headings, labelled values and a stated "Totals" block. Pure: no I/O. Every pattern here is
 * linear (no nested quantifiers), and anything run on a whole line first checks the line's length,
 * so hostile text cannot make a regex backtrack for long.
 */
import { isIsoDate, type IsoDate } from "../domain/calendar.js";
import type { RatingId } from "../standard/index.js";
import { ratingFromLabel } from "./rating-words.js";
import { totalsInSentence, type Totals } from "./totals-sentence.js";

/** Element refs written in running text ("Elements 4.1.2 & 5.3.2"), in order, once each; dates such as 1.2.2023 are not refs. */
export function refsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\d.])([1-9]\.[1-9]\.[1-9])(?!\d|\.\d)/g)) found.add(m[1]!);
  return [...found];
}

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const pad = (n: number) => String(n).padStart(2, "0");

/** A day as written ("13TH DEC 2023", "20th & 21st September 2017", "13/12/2023", "2023-12-13"); of a range, the last day. */
export function parseDay(text: string): IsoDate | undefined {
  const value = text.slice(0, 200);
  const candidates: IsoDate[] = [];
  for (const m of value.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) candidates.push(`${m[1]}-${m[2]}-${m[3]}`);
  for (const m of value.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g))
    candidates.push(`${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`);
  for (const m of value.matchAll(new RegExp(`\\b${MONTH}\\b\\.?,?\\s+(\\d{4})\\b`, "gi"))) {
    const days = [...value.slice(Math.max(0, m.index - 40), m.index).matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\b/gi)];
    const day = days.at(-1)?.[1];
    if (day) candidates.push(`${m[2]}-${pad(monthNumber(m[1]!))}-${pad(Number(day))}`);
  }
  for (const m of value.matchAll(new RegExp(`\\b${MONTH}\\b\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "gi"))) {
    candidates.push(`${m[3]}-${pad(monthNumber(m[1]!))}-${pad(Number(m[2]))}`);
  }
  return candidates.filter(isIsoDate).sort().at(-1);
}

/** "… - December 2024" at the end of a line: the label before it and the month (YYYY-MM), if the label is a review or visit. */
export function reviewMonth(line: string): { label: string; month: string } | undefined {
  if (line.length > 150) return undefined;
  const m = new RegExp(`\\b${MONTH}\\.?,?\\s*(\\d{4})\\s*\\.?\\s*$`, "i").exec(line);
  if (!m) return undefined;
  const before = line.slice(0, m.index);
  let end = before.length;
  while (end > 0 && " \t-–—:".includes(before[end - 1]!)) end--;
  // A separator must come between the label and the month: "Review Date 15th September 2017" is a date, not a review.
  if (!/[-–—:\t]/.test(before.slice(end))) return undefined;
  const clean = trimEnds(before.slice(0, end).replace(/\*/g, ""), " \t-–—•●");
  if (clean.length < 3 || clean.length > 80 || !/review|assessment|visit/i.test(clean) || /\bdate\b/i.test(clean)) return undefined;
  return { label: clean, month: `${m[2]}-${pad(monthNumber(m[1]!))}` };
}

/** `s` without any of `chars` at either end (a loop, not a regex: no backtracking on long runs). */
export function trimEnds(s: string, chars: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && chars.includes(s[start]!)) start++;
  while (end > start && chars.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}

/** The words of a heading line: no markdown #, bold, numbering or trailing punctuation; lower case. */
export function headingWords(line: string): string {
  if (line.length > 90) return "";
  return trimEnds(line.replace(/\*/g, ""), " \t#|")
    .replace(/^\d{1,2}\s*[.)]?\s*(?=[a-z])/i, "")
    .replace(/[.:]+$/, "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

/** A numbered ("5. Assessor Findings", "1.Key Information.") or markdown ("## Findings") heading line. */
export function isHeading(line: string): boolean {
  const t = line.trim();
  if (t.length > 90 || t.split(/\s+/).length > 12) return false;
  return /^#{1,6}\s/.test(t) || /^\**\d{1,2}\s*[.)]\s*[a-z]/i.test(t);
}

export const STRENGTHS_TITLE = /^(?:summary of |key )?(?:areas of )?strengths?$/;
export const AREAS_TITLE =
  /^(?:(?:key |main )?(?:areas?|opportunities) (?:for|of) (?:continuous |further )?(?:improvements?|development)|areas? of partial compliance|partial compliances?|improvement areas)$/;
/** Other sections a report has, which end the one before: an area for improvement is never read from them. */
const OTHER_SECTION_TITLE =
  /^(?:next steps?|conclusions?|overall conclusions?|summary|executive summary|(?:areas? of |elements? (?:rated|at) )?compliance plus(?: elements?| areas?)?|compliance plus and areas of strength|recommendations?|good practice|notable practice|action plan|about the assessment|assessment (?:methodology|approach|scope)|method(?:ology)?|scope|the assessor|assessor(?:'s)? (?:details|comments)|declaration|compliance table|compliance (?:summary|ratings?|table)|totals?)$/;

/**
 * The body lines of the section headed `title`, up to the next heading. A contents list repeats the
 * headings, so of several sections with that heading the one with the most text is taken.
 */
export function section(lines: readonly string[], title: RegExp): string[] | undefined {
  let best: string[] | undefined;
  let bestSize = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!title.test(headingWords(lines[i]!))) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      const words = headingWords(line);
      if (isHeading(line) || STRENGTHS_TITLE.test(words) || AREAS_TITLE.test(words) || OTHER_SECTION_TITLE.test(words)) break;
      body.push(line);
    }
    const size = body.reduce((n, l) => n + l.trim().length, 0);
    if (size > bestSize) [best, bestSize] = [body, size];
    i = j - 1;
  }
  return best;
}

/**
 * Paragraphs: blank lines separate them, and a bulleted or numbered line starts a new one. A long
 * line stopping mid-sentence runs on past a blank line: text copied from a PDF into Word makes
 * each printed line a paragraph of its own.
 */
export function paragraphs(body: readonly string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let blank = false;
  const flush = () => {
    if (current.length) out.push(current.join(" "));
    current = [];
  };
  for (const raw of body) {
    const line = raw.trim();
    if (!line) {
      blank = true;
      continue;
    }
    const item = /^(?:[-•●*]\s|\d{1,2}[.)]\s)/.test(line);
    const last = current.at(-1) ?? "";
    const runsOn = last.length >= 60 && (/[\p{L},]$/u.test(last) || /^\p{Ll}/u.test(line));
    if (item || (blank && !runsOn)) flush();
    blank = false;
    current.push(line);
  }
  flush();
  return out;
}

/**
 * The value of a labelled field: on the label's own line after it ("Report Type:\tAnnual Review
 * Year 2"), or on the next non-empty line ("REPORT TYPE" then "REVIEW 3 (C 3)").
 */
export function labelledValue(lines: readonly string[], label: RegExp): string | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 300) continue;
    const clean = trimEnds(line.replace(/\*/g, ""), " \t|");
    const m = label.exec(clean);
    if (!m || m.index !== 0) continue;
    const rest = trimEnds(clean.slice(m[0].length), " \t|:-–—");
    if (rest) return rest.slice(0, 150);
    // The value is the next line with text; Word documents often put empty paragraphs between.
    for (let j = i + 1; j < Math.min(lines.length, i + 9); j++) {
      const next = trimEnds((lines[j] ?? "").replace(/\*/g, ""), " \t|:");
      if (next) return next.length <= 150 ? next : undefined;
    }
  }
  return undefined;
}

const SMALL_WORDS = new Set(["and", "of", "the", "for", "in", "on", "at", "to", "upon"]);

/** Capitals as written, unless the whole value is in capitals: "OADBY AND WIGSTON BOROUGH COUNCIL" reads "Oadby and Wigston Borough Council". */
export function tidyCase(value: string): string {
  if (/[a-z]/.test(value)) return value;
  return value
    .toLowerCase()
    .split(" ")
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.replace(/[a-z]/, (c) => c.toUpperCase())))
    .join(" ");
}

/** A count and a rating in a cell, either way round: "Compliant Plus 11", "11 Compliant Plus", "CP: 11". */
function cellPair(cell: string): { rating?: RatingId; count?: number } | undefined {
  if (/^\d{1,3}$/.test(cell)) return { count: Number(cell) };
  const rating = ratingFromLabel(cell);
  if (rating) return { rating };
  if (cell.length > 60) return undefined;
  const after = /^(\D{1,40}?)[\s:=-]*(\d{1,3})$/.exec(cell);
  if (after && ratingFromLabel(after[1]!)) return { rating: ratingFromLabel(after[1]!)!, count: Number(after[2]) };
  const before = /^(\d{1,3})\s+(\D{1,40})$/.exec(cell);
  if (before && ratingFromLabel(before[2]!)) return { rating: ratingFromLabel(before[2]!)!, count: Number(before[1]) };
  return undefined;
}

/**
 * The report's own totals: a "Totals" block (labels and counts in any arrangement of lines and
 * cells, paired in order), else a sentence such as "8 Compliance Plus, 47 Compliance and 2 Partial
 * Compliance". `unreadable` when a Totals block is there but its labels and counts do not pair up.
 */
export function statedTotals(lines: readonly string[]): { totals?: Totals; unreadable?: true } {
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!;
    if (first.length > 200 || !/^[\s|*]*totals?\b/i.test(first)) continue;
    const ratings: RatingId[] = [];
    const counts: number[] = [];
    for (let j = i; j < Math.min(lines.length, i + 24); j++) {
      const line = j === i ? first.replace(/^[\s|*]*totals?\b/i, "") : lines[j]!;
      const cells = line
        .split(/[\t|]/)
        .map((c) => trimEnds(c, " *●•"))
        .filter(Boolean);
      // One blank line between a block's lines is a Word paragraph's; two end the block.
      if (!cells.length) {
        if (ratings.length + counts.length > 0 && j > i && !lines[j - 1]!.trim()) break;
        continue;
      }
      const pairs = cells.map(cellPair);
      if (pairs.some((p) => !p)) break;
      for (const p of pairs) {
        if (p?.rating) ratings.push(p.rating);
        if (p?.count !== undefined) counts.push(p.count);
      }
    }
    if (!ratings.length) continue;
    if (ratings.length !== counts.length || new Set(ratings).size !== ratings.length) return { unreadable: true };
    return { totals: Object.fromEntries(ratings.map((r, k) => [r, counts[k]!])) };
  }
  for (const line of lines) {
    const totals = totalsInSentence(line);
    if (totals) return { totals };
  }
  return {};
}
