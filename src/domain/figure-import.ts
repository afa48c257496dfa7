/**
 * Service-standard figures a coordinator imports many at a time, read from a table's cells
 * (figure-file.ts reads them from .xlsx or .csv): the header row found by its names, each row's
 * standard matched by its id or its promise, its period read however a council writes it, its
 * value, count, comparator and note checked as the figure card checks them. Every row that is not
 * a figure is listed with the reason, never dropped; nothing in a cell is ever evaluated. Which
 * figures are new, unchanged or corrections is the service's business, not this module's. Pure.
 */
import { cellNumber, FIGURE_LIMITS, periodIn, quoted } from "./figure-cells.js";
import type { Period } from "./periods.js";
import { ok, refuse, type Result } from "./refusal.js";
import type { Figure, ServiceStandard } from "./standards.js";
import { cleanLine } from "./typed-text.js";

export const FIGURE_IMPORT_LIMITS = {
  /** Rows of figures read from one file; a council's year of monthly figures is a few hundred. */
  rows: 2000,
  /** The header is looked for in this many rows at the top (a title and notes may come first). */
  headerRows: 10,
  /** As on the figure card. */
  noteChars: FIGURE_LIMITS.noteChars,
} as const;

export type FigureField = "period" | "standard" | "value" | "count" | "comparator" | "note";

export interface FigureHeader {
  /** The header's row, 1-based as the spreadsheet shows it. */
  readonly row: number;
  /** Each field's column, 0-based; count, comparator and note only when the file has them. */
  readonly columns: { readonly period: number; readonly standard: number; readonly value: number } & Partial<
    Record<"count" | "comparator" | "note", number>
  >;
}

export interface ImportedFigure {
  /** The row it came from, 1-based. */
  readonly row: number;
  readonly figure: Figure;
}

export interface SkippedRow {
  readonly row: number;
  /** Why, in words a coordinator reads: "no standard called "Bins"", "April 2026 is not finished yet". */
  readonly reason: string;
}

export interface FigureImportPlan {
  readonly header: FigureHeader;
  /** Ordered by standard (in the order given), then period. */
  readonly figures: readonly ImportedFigure[];
  /** In row order. */
  readonly skipped: readonly SkippedRow[];
}

/** Column names, compared as `comparable` and without anything in brackets ("Value (%)"). */
const NAMES: Readonly<Record<FigureField, RegExp>> = {
  standard: /^(?:service |customer |our )?(?:standard|measure|(?:performance )?indicator|kpi)(?: (?:promise|name|id|title|ref))?$/,
  period: /^(?:reporting |financial )?(?:period|month|quarter)(?: or (?:month|quarter))?(?: (?:ending|end|covered|reported))?$/,
  value: /^(?:actual |reported )?(?:value|result|performance|actual|figure|outturn|score)(?: (?:achieved|reported|this period))?$/,
  count: /^(?:count|cases|volume|case count|(?:number|no) of (?:cases|customers|contacts|requests)|sample size)$/,
  comparator: /^(?:comparator|benchmark|family group|national average|nearest neighbours?)(?: (?:average|value|figure))?$/,
  note: /^(?:notes?|comments?|commentary|explanation|remarks?)$/,
};
const FIELDS = Object.keys(NAMES) as FigureField[];
const NEEDED = ["period", "standard", "value"] as const;

/** Lower case, letters and digits only, single spaces: how names and promises are compared. */
function comparable(text: string): string {
  return cleanLine(text.slice(0, 1000))
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const cellAt = (row: readonly string[] | undefined, i: number | undefined) => {
  const cell = i === undefined ? undefined : row?.[i];
  return typeof cell === "string" ? cell : "";
};
/** Only the start of each cell is looked at: one long cell repeated in every row must not cost a pass over all of it each time. */
const isBlank = (row: readonly string[] | undefined) => !row || row.every((_, i) => cleanLine(cellAt(row, i).slice(0, 1000)) === "");

function columnsOf(row: readonly string[]): Partial<Record<FigureField, number>> {
  const names = row.map((_, i) =>
    comparable(
      cellAt(row, i)
        .slice(0, 200)
        .replace(/\([^)]*\)/g, " "),
    ),
  );
  const columns: Partial<Record<FigureField, number>> = {};
  for (const field of FIELDS) {
    const i = names.findIndex((name, at) => NAMES[field].test(name) && !Object.values(columns).includes(at));
    if (i >= 0) columns[field] = i;
  }
  return columns;
}

function findHeader(cells: readonly (readonly string[])[]): Result<FigureHeader> {
  let best: { row: number; found: FigureField[] } | undefined;
  for (let i = 0; i < Math.min(cells.length, FIGURE_IMPORT_LIMITS.headerRows); i++) {
    const columns = columnsOf(cells[i] ?? []);
    const { period, standard, value } = columns;
    if (period !== undefined && standard !== undefined && value !== undefined)
      return ok({ row: i + 1, columns: { ...columns, period, standard, value } });
    const found = NEEDED.filter((f) => columns[f] !== undefined);
    if (found.length && (!best || found.length > best.found.length)) best = { row: i + 1, found };
  }
  const named = (fields: readonly string[]) => fields.map((f) => f[0]!.toUpperCase() + f.slice(1)).join(" and ");
  const near = best ? ` Row ${best.row} has ${named(best.found)} but no ${named(NEEDED.filter((f) => !best.found.includes(f)))}.` : "";
  return refuse(
    "invalid-payload",
    `I could not find the header row in the first ${FIGURE_IMPORT_LIMITS.headerRows} rows. I need a column for each of Period (the month or quarter, e.g. April 2026 or Q1 2026/27), Standard (the promise as published) and Value (the figure); Count, Comparator and Note columns are optional.${near}`,
  );
}

interface Known {
  readonly standard: ServiceStandard;
  readonly promise: string;
  /** Exact spellings: its id, its promise, and its promise with its unit's name before or after. */
  readonly exact: readonly string[];
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six"];

function ambiguous(matches: readonly Known[]): string {
  const names = matches.slice(0, 3).map((k) => `${quoted(k.standard.promise)}${k.standard.unit ? ` (${k.standard.unit.name})` : ""}`);
  if (matches.length > 3) names.push(`${matches.length - 3} more`);
  const list = `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
  return `matches ${NUMBER_WORDS[matches.length] ?? matches.length} standards: ${list}; write its whole promise, or its unit before it`;
}

function standardFor(text: string, known: readonly Known[]): ServiceStandard | string {
  const written = cleanLine(text.slice(0, 1000));
  if (!written) return "no standard given";
  const byId = known.find((k) => k.standard.id === written);
  if (byId) return byId.standard;
  const key = comparable(written);
  const exact = known.filter((k) => key && k.exact.includes(key));
  const matches = exact.length || key.length < 12 ? exact : known.filter((k) => k.promise.startsWith(key));
  if (matches.length === 1) return matches[0]!.standard;
  return matches.length ? ambiguous(matches) : `no standard called ${quoted(written)}`;
}

function noteProblem(note: string, written: string): string | undefined {
  const { noteChars } = FIGURE_IMPORT_LIMITS;
  const length = written.length > NOTE_READ ? written.length : note.length;
  if (length > noteChars)
    return `the note is too long (${length.toLocaleString("en-GB")} characters; the most is ${noteChars}); shorten it`;
  return undefined;
}

/** Enough of a note cell to clean and measure it; a longer one is too long whatever it holds. */
const NOTE_READ = 2000;

interface ReadRow {
  readonly figure: Figure;
  readonly period: Period;
}

/** One data row as a figure, or why not (the first problem, in the order of the columns). */
function readRow(row: readonly string[], columns: FigureHeader["columns"], known: readonly Known[], now: Date): ReadRow | string {
  const standard = standardFor(cellAt(row, columns.standard), known);
  if (typeof standard === "string") return standard;
  const period = periodIn(cellAt(row, columns.period), standard.frequency, now);
  if (typeof period === "string") return period;
  const value = cellNumber(cellAt(row, columns.value), "value", standard.measure);
  if (value === undefined) return "no value";
  if (typeof value === "string") return value;
  const count = cellNumber(cellAt(row, columns.count), "count", standard.measure);
  if (typeof count === "string") return count;
  const comparator = cellNumber(cellAt(row, columns.comparator), "comparator", standard.measure);
  if (typeof comparator === "string") return comparator;
  // A note is kept as the words it is, whatever it starts with: it is never evaluated.
  const written = cellAt(row, columns.note);
  const note = cleanLine(written.slice(0, NOTE_READ));
  const tooLong = noteProblem(note, written);
  if (tooLong) return tooLong;
  return {
    period,
    figure: {
      standardId: standard.id,
      periodId: period.id,
      value,
      ...(count !== undefined ? { count } : {}),
      ...(note ? { note } : {}),
      ...(comparator !== undefined ? { comparator } : {}),
    },
  };
}

/** The same standard and period twice: one value is kept once; two different values keep neither. */
function withoutRepeats(read: readonly (ImportedFigure & { period: Period })[], skipped: SkippedRow[]) {
  const byKey = new Map<string, (ImportedFigure & { period: Period })[]>();
  for (const r of read) {
    const key = `${r.figure.standardId}|${r.figure.periodId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const kept: (ImportedFigure & { period: Period })[] = [];
  for (const rows of byKey.values()) {
    const [first] = rows as [ImportedFigure & { period: Period }];
    if (rows.every((r) => r.figure.value === first.figure.value)) {
      kept.push(first);
      for (const r of rows.slice(1)) skipped.push({ row: r.row, reason: `repeats row ${first.row}` });
      continue;
    }
    for (const r of rows) {
      const other = rows.find((o) => o.figure.value !== r.figure.value)!;
      skipped.push({ row: r.row, reason: `row ${other.row} gives a different value for the same period; fix the file and import again` });
    }
  }
  return kept;
}

/** Why the rows after the most a file may hold were not read (said once, at the first of them). */
export const BEYOND_ROW_LIMIT = `a file holds at most ${FIGURE_IMPORT_LIMITS.rows.toLocaleString("en-GB")} rows of figures; this row and those after it were not read`;

/**
 * The figures in a table's `cells` (row by row, `cells[0]` is row 1) for `standards`, at `now`:
 * each with the row it came from, and every other row with the reason it was skipped.
 */
export function matchFigureRows(
  cells: readonly (readonly string[])[],
  standards: readonly ServiceStandard[],
  now: Date,
): Result<FigureImportPlan> {
  const header = findHeader(cells);
  if (!header.ok) return header;
  const { row: headerRow, columns } = header.value;
  const known: Known[] = standards.map((standard) => {
    const promise = comparable(standard.promise);
    const unit = standard.unit ? comparable(standard.unit.name) : "";
    return { standard, promise, exact: [comparable(standard.id), promise, ...(unit ? [`${unit} ${promise}`, `${promise} ${unit}`] : [])] };
  });
  const read: (ImportedFigure & { period: Period })[] = [];
  const skipped: SkippedRow[] = [];
  let dataRows = 0;
  for (let i = headerRow; i < cells.length; i++) {
    const row = cells[i];
    if (!row || isBlank(row)) continue;
    if (dataRows++ >= FIGURE_IMPORT_LIMITS.rows) {
      skipped.push({ row: i + 1, reason: BEYOND_ROW_LIMIT });
      break;
    }
    const columnsHere = columnsOf(row);
    if (NEEDED.every((f) => columnsHere[f] !== undefined)) {
      skipped.push({ row: i + 1, reason: "it repeats the header row" });
      continue;
    }
    const figure = readRow(row, columns, known, now);
    if (typeof figure === "string") skipped.push({ row: i + 1, reason: figure });
    else read.push({ row: i + 1, ...figure });
  }
  const order = new Map(standards.map((s, i) => [s.id, i] as const));
  const figures = withoutRepeats(read, skipped)
    .sort((a, b) => order.get(a.figure.standardId)! - order.get(b.figure.standardId)! || a.period.start.localeCompare(b.period.start))
    .map(({ row, figure }) => ({ row, figure }));
  return ok({ header: header.value, figures, skipped: skipped.sort((a, b) => a.row - b.row) });
}
