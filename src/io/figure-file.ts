/**
 * Service-standard figures from a file a coordinator sends: an Excel workbook (.xlsx) or a CSV,
 * read with the limits of every upload (plan-file.ts) and matched to the council's standards
 * (domain/figure-import.ts). Of a workbook, the first sheet with a header of figures is read; other
 * sheets that have one are named, so the coordinator knows to send them on their own.
 */
import { BEYOND_ROW_LIMIT, FIGURE_IMPORT_LIMITS, matchFigureRows, type FigureImportPlan } from "../domain/figure-import.js";
import { ok, refuse, type Refusal, type Result } from "../domain/refusal.js";
import type { ServiceStandard } from "../domain/standards.js";
import { planFileKind, readSheets, type SheetTable, type SheetWords } from "./plan-file.js";

export interface FigureFile extends FigureImportPlan {
  /** The workbook's sheet the figures came from; none for a CSV. */
  readonly sheet?: string;
  /** Other sheets with figures on them, not read. */
  readonly otherSheets: readonly string[];
}

const WORDS: SheetWords = { one: "a file of figures", any: "any file of figures", resend: "Please send it again." };
/** Enough rows to find the header and to see that a file goes past the most it may hold. */
const MAX_ROWS = FIGURE_IMPORT_LIMITS.headerRows + FIGURE_IMPORT_LIMITS.rows + 1;
const BLANK: readonly string[] = Object.freeze([]);

/** A sheet's rows where the spreadsheet shows them: `cells[n - 1]` is row n. */
function grid(sheet: SheetTable): (readonly string[])[] {
  const cells: (readonly string[])[] = [];
  for (const { number, cells: row } of sheet.rows) {
    while (cells.length < number - 1) cells.push(BLANK);
    cells.push(row);
  }
  return cells;
}

/** The figures in an .xlsx or .csv for `standards` at `now`, each row a figure or a reason it is not. */
export async function readFigureFile(
  bytes: Uint8Array,
  fileName: string,
  standards: readonly ServiceStandard[],
  now: Date,
): Promise<Result<FigureFile>> {
  const kind = planFileKind(fileName);
  if (kind !== "xlsx" && kind !== "csv")
    return refuse(
      "invalid-payload",
      `I can read figures from Excel (.xlsx) or CSV files; "${fileName.slice(0, 60)}" is neither. Save it from Excel as one of those and send it again.`,
    );
  const sheets = await readSheets(bytes, fileName, { words: WORDS, maxRows: MAX_ROWS });
  if (!sheets.ok) return sheets;
  let chosen: { sheet: SheetTable; plan: FigureImportPlan } | undefined;
  let notFound: Refusal | undefined;
  const otherSheets: string[] = [];
  for (const sheet of sheets.value) {
    const plan = matchFigureRows(grid(sheet), standards, now);
    if (!plan.ok) notFound ??= plan.refusal;
    else if (!chosen) chosen = { sheet, plan: plan.value };
    else if (plan.value.figures.length || plan.value.skipped.length) otherSheets.push(sheet.name ?? "");
  }
  if (!chosen) return notFound ? { ok: false, refusal: notFound } : refuse("invalid-payload", "That file has nothing in it.");
  const { sheet, plan } = chosen;
  // Rows past the reader's limit were never seen: say so, unless the limit of figures already has.
  const { unreadFrom } = sheet;
  const past = unreadFrom !== undefined && !plan.skipped.some((s) => s.reason === BEYOND_ROW_LIMIT);
  const skipped = past ? [...plan.skipped, { row: unreadFrom, reason: BEYOND_ROW_LIMIT }] : plan.skipped;
  return ok({ ...plan, skipped, ...(sheet.name !== undefined ? { sheet: sheet.name } : {}), otherSheets });
}
