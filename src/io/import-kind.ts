/**
 * Which import a coordinator's document is for: an assessor's report (it has a compliance table)
 * or an improvement plan (it has a table of actions, or numbered recommendations). A report wins:
 * its own areas for improvement become actions when it is imported. A spreadsheet is a file of
 * service-standard figures when one of its sheets has their header (period, standard and value
 * columns) near its top, and an improvement plan otherwise. Pure, but for reading the spreadsheet.
 */
import { FIGURE_IMPORT_LIMITS, matchFigureRows } from "../domain/figure-import.js";
import { parseActionPlan } from "./action-plan.js";
import { parseAssessorReport } from "./assessor-report.js";
import { readSheets } from "./plan-file.js";

export function importKind(text: string): "report" | "plan" | undefined {
  if (parseAssessorReport(text).ratings.size > 0) return "report";
  const plan = parseActionPlan(text);
  return plan.rows.length > 0 || plan.unreadable.length > 0 ? "plan" : undefined;
}

/** An .xlsx or .csv's import: figures when a sheet has their header; a file that cannot be read is left to the plan's reader to refuse. */
export async function spreadsheetKind(bytes: Uint8Array, fileName: string): Promise<"figures" | "plan"> {
  const { headerRows } = FIGURE_IMPORT_LIMITS;
  const sheets = await readSheets(bytes, fileName, { maxRows: headerRows });
  if (!sheets.ok) return "plan";
  const hasHeader = sheets.value.some((sheet) => {
    // Only the rows the header may be on, where the spreadsheet shows them; no standards, so no row is matched.
    const top: (readonly string[])[] = Array.from({ length: headerRows }, () => []);
    for (const row of sheet.rows) if (row.number <= headerRows) top[row.number - 1] = row.cells;
    return matchFigureRows(top, [], new Date(0)).ok;
  });
  return hasHeader ? "figures" : "plan";
}
