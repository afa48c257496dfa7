/**
 * Each standard's results over its last periods, one record per standard per period, as the CSV
 * and the evidence matrix's "Performance" sheet both lay them out (CSE 4.1.2 and 5.3.2: published
 * performance against the standards), so the two can never disagree. Results stay numbers for
 * the sheet; words are the ones the cards and the public page use.
 */
import type { Workbook } from "exceljs";
import { measureText, targetText, type StandardRow } from "../domain/standards-report.js";

export const PERFORMANCE_HEADINGS = [
  "Standard",
  "Unit",
  "Elements",
  "Measure",
  "Target",
  "Period",
  "Period id",
  "Result",
  "Met",
  "Count",
  "Comparator",
  "Note",
] as const;

/** One cell: text, a number, or nothing (a figure nobody reported, a count nobody gave). */
export type PerformanceCell = string | number | undefined;

/** The records, standard by standard, each standard's periods oldest first. */
export function performanceRecords(rows: readonly StandardRow[]): PerformanceCell[][] {
  return rows.flatMap(({ standard, periods }) =>
    periods.map(({ period, figure, verdict }) => [
      standard.promise,
      standard.unit?.name ?? "Whole council",
      standard.refs.join(" "),
      measureText(standard.measure),
      targetText(standard),
      period.label,
      period.id,
      figure?.value,
      verdict ? (verdict.met ? "Yes" : "No") : "",
      figure?.count,
      figure?.comparator,
      figure?.note ?? "",
    ]),
  );
}

/** The "Performance" sheet: bold frozen header with filters, like the matrix's own sheet. */
export function addPerformanceSheet(book: Workbook, rows: readonly StandardRow[]): void {
  const sheet = book.addWorksheet("Performance", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([...PERFORMANCE_HEADINGS]).font = { bold: true };
  for (const record of performanceRecords(rows)) sheet.addRow(record.map((cell) => cell ?? null));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PERFORMANCE_HEADINGS.length } };
  [50, 20, 14, 22, 22, 34, 12, 10, 6, 10, 12, 50].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  for (const c of [1, 12]) sheet.getColumn(c).alignment = { wrapText: true, vertical: "top" };
}
