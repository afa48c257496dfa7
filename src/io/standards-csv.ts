/**
 * Each standard's results over its last periods as CSV, one line per standard per period, for a
 * council's own spreadsheets or its open-data pages: RFC 4180, CRLF line ends, and no cell a
 * spreadsheet would run as a formula (a note typed as "=HYPERLINK(...)" stays text).
 */
import type { StandardRow } from "../domain/standards-report.js";
import { csvCell } from "./evidence-matrix.js";
import { PERFORMANCE_HEADINGS, performanceRecords } from "./performance-sheet.js";

export function standardsCsv(rows: readonly StandardRow[]): string {
  const lines = [PERFORMANCE_HEADINGS.map(csvCell).join(",")];
  for (const record of performanceRecords(rows))
    lines.push(record.map((cell) => csvCell(cell === undefined ? "" : String(cell))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
