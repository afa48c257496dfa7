/**
 * What a CSE assessor report says, read from its text (extract-text.ts gets the text out of the
 * file). The compliance table is the record: ratings come only from its rows, and where the
 * narrative (strengths, areas for improvement) says otherwise that is reported, not used. What
 * cannot be read is said in `problems`, in words a council officer understands. Pure: no I/O.
 */
import type { IsoDate } from "../domain/calendar.js";
import { withoutControlCharacters } from "../domain/typed-text.js";
import { ELEMENTS, findElement, ratingLabel, RATINGS, type RatingId } from "../standard/index.js";
import {
  AREAS_TITLE,
  labelledValue,
  paragraphs,
  parseDay,
  refsIn,
  reviewMonth,
  section,
  statedTotals,
  STRENGTHS_TITLE,
  tidyCase,
} from "./report-text.js";
import { readComplianceTable } from "./report-tables.js";

export interface ParsedReport {
  readonly organisation?: string;
  /** As written, e.g. "Review 3 (C 3)", "Annual Review Year 2". */
  readonly reportType?: string;
  /** The visit or evidence-gathering day; of a two-day visit, the last day. */
  readonly assessmentDate?: IsoDate;
  /** The visits the report schedules next, month YYYY-MM. */
  readonly nextReviews: readonly { readonly label: string; readonly month: string }[];
  /** Element ref to rating, from the compliance table only. */
  readonly ratings: ReadonlyMap<string, RatingId>;
  /** The report's own totals, when it states them. */
  readonly statedTotals?: Partial<Record<RatingId, number>>;
  /** Refs the summary of strengths cites. */
  readonly strengths: readonly string[];
  /** Areas for improvement, each with the element refs it names (text cut to about 500 characters). */
  readonly areas: readonly { readonly text: string; readonly refs: readonly string[] }[];
  /** What could not be read, in plain words. */
  readonly problems: readonly string[];
  /** Where the narrative and the table differ; the table is used. */
  readonly disagreements: readonly string[];
}

/** Real reports are under 100,000 characters; beyond this the rest is not read. */
export const MAX_REPORT_CHARS = 1_000_000;
const MAX_AREA_CHARS = 500;

const ORGANISATION =
  /^(?:organi[sz]ation(?:\s*\/\s*services?)?(?:\s+(?:assessed|name))?\b|name\s+of\s+(?:the\s+)?(?:organi[sz]ation|applicant|client)\b|(?:client|applicant|council)(?:\s+name)?\s*:)/i;
const REPORT_TYPE =
  /^(?:(?:report|assessment|review|visit)\s+type|type\s+of\s+(?:the\s+)?(?:report|assessment|review|visit)|(?:assessment|visit)\s+(?:stage|cycle))\b/i;
const VISIT_DATE =
  /^(?:(?:evidence[-\s]gathering(?:\s+activity)?|on[-\s]?site(?:\s+(?:visit|assessment))?|site\s+visit|visit|assessment)\s+dates?\b|dates?\s+of\s+(?:the\s+)?(?:on[-\s]?site\s+)?(?:visit|assessment|review)s?\b)/i;
/** A report type written on its own on the front page: "Annual Review (Year 2)", "Full Reassessment". */
const BARE_REPORT_TYPE =
  /^(?:(?:first|second|third|1st|2nd|3rd)\s+)?(?:annual\s+review|surveillance\s+(?:visit|review)|full\s+(?:re-?)?assessment|re-?assessment|re-?certification|initial\s+assessment|review\s+\d)\b/i;
/** "… Borough Council" in a title line, when no field names the organisation. */
const COUNCIL_NAME = /\b(?:[A-Z][A-Za-z'&-]*\s+)(?:(?:and|of|upon|on|the|[A-Z][A-Za-z'&-]*)\s+){0,6}Council\b/;
/** How far into the report the front page can be. */
const FRONT_PAGE_LINES = 60;

const label = (rating: RatingId) => ratingLabel(rating);
const list = (refs: readonly string[]) => refs.join(", ");

export function parseAssessorReport(text: string): ParsedReport {
  const problems = new Set<string>();
  const disagreements = new Set<string>();
  // Everything read from the report (names, areas, dates) comes out of this text: clean it once.
  let input = typeof text === "string" ? withoutControlCharacters(text) : "";
  if (!input.trim()) {
    return {
      nextReviews: [],
      ratings: new Map(),
      strengths: [],
      areas: [],
      problems: ["The report has no text in it."],
      disagreements: [],
    };
  }
  if (input.length > MAX_REPORT_CHARS) {
    problems.add(
      `The text is far longer than an assessor report (${(input.length / 1_000_000).toFixed(1)} million characters); only the first ${MAX_REPORT_CHARS / 1_000_000} million were read.`,
    );
    input = input.slice(0, MAX_REPORT_CHARS);
  }
  const lines = input.split(/\r\n|\r|\n/);

  // The front page.
  const front = lines.slice(0, FRONT_PAGE_LINES).map((l) => (l.length > 200 ? "" : l.replace(/[*#|]/g, " ").trim()));
  const organisation = labelledValue(lines, ORGANISATION) ?? front.map((l) => COUNCIL_NAME.exec(l)?.[0]).find(Boolean);
  const reportType = labelledValue(lines, REPORT_TYPE) ?? front.find((l) => l.length <= 60 && BARE_REPORT_TYPE.test(l));
  const dateText = labelledValue(lines, VISIT_DATE);
  const assessmentDate = dateText === undefined ? undefined : parseDay(dateText);
  if (dateText !== undefined && assessmentDate === undefined)
    problems.add(`The assessment date "${dateText.slice(0, 60)}" is not a date I can read.`);

  const nextReviews: { label: string; month: string }[] = [];
  for (const line of lines) {
    const review = reviewMonth(line);
    if (review && !nextReviews.some((r) => r.label === review.label && r.month === review.month)) nextReviews.push(review);
  }

  // The compliance table(s).
  const table = readComplianceTable(lines);
  const ratings = table.ratings;
  for (const problem of table.problems) problems.add(problem);
  const missing = ELEMENTS.map((e) => e.ref).filter((ref) => !ratings.has(ref));
  if (ratings.size === 0) problems.add(`No compliance table was found: none of the ${ELEMENTS.length} elements has a rating I could read.`);
  else if (missing.length) problems.add(`${ratings.size} of ${ELEMENTS.length} elements found; missing ${list(missing)}.`);

  const counts: Partial<Record<RatingId, number>> = {};
  for (const rating of ratings.values()) counts[rating] = (counts[rating] ?? 0) + 1;
  const stated = statedTotals(lines);
  if (stated.unreadable) problems.add("The report has a Totals table, but I could not match its numbers to ratings.");
  if (stated.totals && ratings.size) {
    for (const { id } of RATINGS) {
      const says = stated.totals[id];
      if (says !== undefined && says !== (counts[id] ?? 0))
        problems.add(`The report's totals say ${says} ${label(id)}, but its table has ${counts[id] ?? 0}.`);
    }
  }

  // The narrative: the summary of strengths and the areas for improvement.
  const unknown = (refs: readonly string[], where: string) => {
    for (const ref of refs) if (!findElement(ref)) problems.add(`${ref} is not an element of the CSE standard; ${where} mention it.`);
    return refs.filter((ref) => findElement(ref));
  };
  const isSummaryLine = (p: string) => /^\**\s*(?:sections?|elements?)\s*:/i.test(p);

  const strengthsBody = section(lines, STRENGTHS_TITLE);
  const strengths: string[] = [];
  if (strengthsBody) {
    const paras = paragraphs(strengthsBody);
    const listed = unknown(paras.filter(isSummaryLine).flatMap(refsIn), "the summary of strengths");
    const cited = unknown(paras.filter((p) => !isSummaryLine(p)).flatMap(refsIn), "the summary of strengths");
    strengths.push(...new Set([...listed, ...cited]));
    if (cited.length)
      for (const ref of listed)
        if (!cited.includes(ref))
          disagreements.add(`The summary of strengths lists ${ref} at its top, but none of its paragraphs is about it.`);
  }

  const areasBody = section(lines, AREAS_TITLE);
  const areas: { text: string; refs: string[] }[] = [];
  if (areasBody) {
    const paras = paragraphs(areasBody);
    for (const p of paras) {
      if (isSummaryLine(p)) continue;
      const refs = [...new Set(unknown(refsIn(p), "the areas for improvement"))];
      // "These are: -" introduces the areas that follow; it is not one itself.
      if (/:\s*[-–—]?$/.test(p) || (!refs.length && p.length < 25)) continue;
      areas.push({ text: p.length > MAX_AREA_CHARS ? `${p.slice(0, MAX_AREA_CHARS - 1).trimEnd()}…` : p, refs });
    }
    const named = new Set(areas.flatMap((a) => a.refs));
    const listed = unknown(paras.filter(isSummaryLine).flatMap(refsIn), "the areas for improvement");
    if (named.size)
      for (const ref of listed)
        if (!named.has(ref)) disagreements.add(`The areas for improvement list ${ref} at their top, but none of the areas is about it.`);
  }

  // The narrative against the table; the table is used.
  if (ratings.size) {
    if (strengthsBody) {
      for (const ref of strengths) {
        const rating = ratings.get(ref);
        if (rating && rating !== "compliance-plus")
          disagreements.add(`The summary of strengths cites ${ref}, but the table rates it ${label(rating)}; the table is used.`);
      }
      for (const [ref, rating] of ratings) {
        if (rating === "compliance-plus" && !strengths.includes(ref))
          disagreements.add(`The table rates ${ref} Compliance Plus, but the summary of strengths does not cite it.`);
      }
    }
    if (areasBody) {
      const named = new Set(areas.flatMap((a) => a.refs));
      for (const [ref, rating] of ratings) {
        if ((rating === "partial" || rating === "non-compliance") && !named.has(ref))
          disagreements.add(`The table rates ${ref} ${label(rating)}, but no area for improvement refers to it.`);
      }
    }
  }

  return {
    ...(organisation ? { organisation: tidyCase(organisation) } : {}),
    ...(reportType ? { reportType: tidyCase(reportType) } : {}),
    ...(assessmentDate ? { assessmentDate } : {}),
    nextReviews,
    ratings,
    ...(stated.totals ? { statedTotals: stated.totals } : {}),
    strengths,
    areas,
    problems: [...problems],
    disagreements: [...disagreements],
  };
}

/** How many elements the table gives each rating, in the standard's order (ratings it never gives left out). */
export function ratingCounts(report: Pick<ParsedReport, "ratings">): { readonly rating: RatingId; readonly count: number }[] {
  const counts = new Map<RatingId, number>();
  for (const r of report.ratings.values()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return RATINGS.filter((r) => counts.has(r.id)).map((r) => ({ rating: r.id, count: counts.get(r.id)! }));
}

/** "57 elements: 8 Compliance Plus, 47 Compliance, 2 Partial Compliance". */
export function describeCounts(report: Pick<ParsedReport, "ratings">): string {
  const counts = ratingCounts(report);
  return `${report.ratings.size} element${report.ratings.size === 1 ? "" : "s"}: ${counts.map((c) => `${c.count} ${label(c.rating)}`).join(", ") || "no ratings found"}`;
}

/** Whether the report states totals and the table adds up to them. */
export function totalsAgree(report: Pick<ParsedReport, "ratings" | "statedTotals">): boolean | undefined {
  if (!report.statedTotals) return undefined;
  const counts = new Map(ratingCounts(report).map((c) => [c.rating, c.count]));
  return Object.entries(report.statedTotals).every(([rating, says]) => (counts.get(rating as RatingId) ?? 0) === says);
}
