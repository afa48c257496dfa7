/**
 * The compliance table of an assessor report, understood as a table rather than matched as a
 * layout. Lines become cells (markdown pipes, tabs, the "●" some templates put before a rating);
 * a header row names the columns (element or ref, and rating / assessment / result / compliance /
 * outcome ...), and from then on the rating is read from the rating column, wherever it stands,
 * until the next header (reports often have a table per criterion). Rows without an element ref
 * are headings or a cell wrapping onto the next line. With no header, a row's rating is the one
 * cell that is nothing but a rating; a rating word inside a comment never counts, and a cell that
 * names two ratings is reported, not guessed. Pure; every pattern is linear.
 */
import { findElement, ratingLabel, type RatingId } from "../standard/index.js";
import { ratingFromLabel } from "./rating-words.js";
import { trimEnds } from "./report-text.js";

const ROW_MAX_CHARS = 20_000;
/** How many lines a table row may wrap onto (PDFs break long cells over lines). */
const WRAP_LINES = 4;

const REF_HEADER = /^(?:elements?|element\s+(?:ref(?:erence)?|no\.?|number)|ref(?:erence)?|no\.?|criteria\s+element)$/i;
const RATING_HEADER =
  /^(?:(?:compliance\s+)?ratings?|assessments?|(?:assessment\s+)?(?:result|outcome)s?|compliance(?:\s+(?:level|status|rating))?|grade|score|judgement|level|finding)$/i;

export interface TableReading {
  readonly ratings: Map<string, RatingId>;
  readonly problems: string[];
}

/** The cells of a line, or undefined when it has no cell boundaries (one run of text). */
export function cellsOf(line: string): string[] | undefined {
  if (line.length > ROW_MAX_CHARS) return undefined;
  const body = line.replace(/^\s*[-*•]\s+(?=\S)/, "");
  if (!/[|\t●]/.test(body)) return undefined;
  const cells = body.split(/[|\t●]/).map((c) => trimEnds(c, " *"));
  // A markdown row's outer pipes leave empty cells at both ends.
  if (/^\s*\|/.test(body)) cells.shift();
  if (/\|\s*$/.test(body)) cells.pop();
  return cells;
}

/** The element a row is about: the first cell that is (or starts with) a ref such as "3.2.1". */
function rowRef(cells: readonly string[]): string | undefined {
  for (const cell of cells.slice(0, 3)) {
    const m = /^(\d{1,2}\.\d{1,2}\.\d{1,2})(?!\d|\.\d)/.exec(cell.replace(/^\*+/, ""));
    if (m) return m[1];
  }
  return undefined;
}

/** Every rating a cell names, as words ("Compliant / Partially Compliant" names two). */
function ratingsNamed(cell: string): RatingId[] {
  if (cell.length > 80) return [];
  const whole = ratingFromLabel(cell);
  if (whole) return [whole];
  const parts = cell.split(/\s*(?:\/|,|;|\bor\b|\band\b|\(|\)|→|->)\s*/i).filter(Boolean);
  return [...new Set(parts.map(ratingFromLabel).filter((r): r is RatingId => r !== undefined))];
}

interface Columns {
  readonly rating: number;
  readonly ref?: number;
}

function headerColumns(cells: readonly string[]): Columns | undefined {
  if (cells.length < 2 || cells.some((c) => /\d\.\d\.\d/.test(c))) return undefined;
  const clean = cells.map((c) => c.replace(/[:.]+$/, "").trim());
  const rating = clean.findIndex((c) => RATING_HEADER.test(c));
  if (rating < 0) return undefined;
  const ref = clean.findIndex((c) => REF_HEADER.test(c));
  // "Compliance" heads a column, but is also a rating: a wrapped row ending "... | Compliance" is not a header.
  if (ref < 0 && ratingFromLabel(clean[rating]!)) return undefined;
  return ref >= 0 ? { rating, ref } : { rating };
}

/** Ratings from every compliance table in the report's lines (or from one-line-per-element text when there is none). */
export function readComplianceTable(lines: readonly string[]): TableReading {
  const ratings = new Map<string, RatingId>();
  const problems: string[] = [];
  const record = (ref: string, rating: RatingId) => {
    if (!findElement(ref)) {
      problems.push(`${ref} is not an element of the CSE standard; its row in the table was skipped.`);
      return;
    }
    const first = ratings.get(ref);
    if (first === undefined) ratings.set(ref, rating);
    else if (first !== rating)
      problems.push(`${ref} is rated twice, ${ratingLabel(first)} and then ${ratingLabel(rating)}; the first rating is used.`);
  };

  let columns: Columns | undefined;
  for (let i = 0; i < lines.length; i++) {
    const cells = cellsOf(lines[i]!) ?? oneLineRow(lines[i]!);
    if (!cells) continue;
    const header = headerColumns(cells);
    if (header) {
      columns = header;
      continue;
    }
    const ref = rowRef(cells);
    if (!ref) continue;
    const cell = columns ? cells[columns.rating] : undefined;
    // With a header, the rating column; without one (or a row too short for it), the one cell that is only a rating.
    const named = cell !== undefined ? ratingsNamed(cell) : soleRatingCells(cells);
    if (named.length === 1) record(ref, named[0]!);
    else if (named.length > 1)
      problems.push(`${ref}: the rating "${(cell ?? "").slice(0, 60)}" names ${named.map(ratingLabel).join(" and ")}, so it was not read.`);
    else {
      // The rating may have wrapped onto a following line (long cells in PDFs).
      const wrapped = wrappedRating(lines, i + 1, columns);
      if (wrapped) record(ref, wrapped);
    }
  }
  return { ratings, problems };
}

/**
 * "1.1.1 We have ... information. Compliant", "1.1.2: Compliance", "1.1.3 - Partial Compliance":
 * with no cell boundaries, the rating is what the line ends with, set apart from the words before
 * it (a full stop, colon, dash, brackets, bold or a wide gap). "1.2.2 remains at Compliance" is a
 * sentence, not a rating.
 */
function oneLineRow(line: string): string[] | undefined {
  if (line.length > 600 || !/^\s*[-*•]?\s*\**\d{1,2}\.\d{1,2}\.\d{1,2}\b/.test(line)) return undefined;
  const text = line.trimEnd();
  const words = text.split(/\s+/);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const tail = words.slice(-n).join(" ");
    // A dash before the rating sets it apart; it is not part of it.
    if (!/[a-z]/i.test(words[words.length - n]!) || !ratingFromLabel(tail)) continue;
    const before = text.slice(0, text.length - tail.length);
    const setApart =
      /(?:[.:=)\]–—-]|\*\*|\s{2,}|\*\*\d{1,2}\.\d{1,2}\.\d{1,2}\*\*|^\s*[-*•]?\s*\d{1,2}\.\d{1,2}\.\d{1,2})\s*[([*]*\s*$/.test(before);
    // A bulleted line's bullet is not part of the ref's cell.
    return setApart ? [before.replace(/^\s*[-*•]\s*/, ""), tail] : undefined;
  }
  return undefined;
}

/** The cells that are nothing but a rating ("Compliant", "● PC"); comments never count. */
function soleRatingCells(cells: readonly string[]): RatingId[] {
  return [
    ...new Set(
      cells
        .slice(1)
        .map((c) => ratingFromLabel(c))
        .filter((r): r is RatingId => r !== undefined),
    ),
  ];
}

function wrappedRating(lines: readonly string[], from: number, columns: Columns | undefined): RatingId | undefined {
  for (let j = from; j < Math.min(lines.length, from + WRAP_LINES); j++) {
    const cells = cellsOf(lines[j]!);
    // A line with no cells is the middle of the wrapped cell; the next element's line ends the search.
    if (!cells && /^\s*[-*•]?\s*\**\d{1,2}\.\d{1,2}\.\d{1,2}\b/.test(lines[j]!)) return undefined;
    if (!cells) continue;
    if (rowRef(cells) || headerColumns(cells)) return undefined;
    const named = columns && cells.length > columns.rating ? ratingsNamed(cells[columns.rating]!) : soleRatingCells(["", ...cells]);
    if (named.length === 1) return named[0];
  }
  return undefined;
}
