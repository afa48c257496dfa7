/**
 * The evidence matrix, as certification bodies and committees read it: one row per element (per
 * unit when units assess separately) with ratings, status, owner, narrative and evidence links,
 * a sheet of improvement actions, and one of the service standards' results when there are any.
 * XLSX (exceljs: real hyperlinks, frozen header, filters) and CSV (RFC 4180, cells that a
 * spreadsheet would run as a formula are defused).
 */
import type { ImprovementAction } from "../domain/actions.js";
import { priorityLabel, statusLabel } from "../domain/actions.js";
import type { ElementAssessment } from "../domain/assessment.js";
import type { Campaign } from "../domain/campaign.js";
import type { StandardRow } from "../domain/standards-report.js";
import { elementStatusLabel, statusOf } from "../domain/workflow.js";
import { CRITERIA, ELEMENTS, ratingLabel, type RatingOrUnrated } from "../standard/index.js";
import { addPerformanceSheet } from "./performance-sheet.js";

export interface MatrixRow {
  readonly unit: string;
  readonly ref: string;
  readonly criterion: string;
  readonly statement: string;
  readonly selfRating: string;
  readonly assessorRating: string;
  readonly status: string;
  readonly owner: string;
  readonly narrative: string;
  readonly links: readonly { readonly title: string; readonly url: string }[];
}

const criterionOf = (ref: string) => {
  const c = CRITERIA.find((c) => c.number === Number(ref.split(".")[0]));
  return c ? `${c.number} ${c.title}` : "";
};

/** The rows of a campaign's matrix, in the standard's order, unit by unit. */
export function matrixRows(
  campaign: Campaign,
  assessments: readonly ElementAssessment[],
  assessorRatings: ReadonlyMap<string, RatingOrUnrated> = new Map(),
): MatrixRow[] {
  return campaign.units.flatMap((unit) =>
    ELEMENTS.map((e) => {
      const a = assessments.find((x) => x.unitId === unit.id && x.ref === e.ref);
      const assessor = assessorRatings.get(e.ref);
      return {
        unit: unit.name,
        ref: e.ref,
        criterion: criterionOf(e.ref),
        statement: e.statement,
        selfRating: ratingLabel(a?.rating ?? "unrated"),
        assessorRating: assessor ? ratingLabel(assessor) : "",
        status: elementStatusLabel(statusOf(a ?? {})),
        owner: a?.ownerName ?? "",
        narrative: a?.narrative ?? "",
        links: (a?.evidence ?? []).map((l) => ({ title: l.title, url: l.url })),
      };
    }),
  );
}

const HEADINGS = ["Unit", "Element", "Criterion", "Statement", "Self rating", "Assessor rating", "Status", "Owner", "Narrative"] as const;
const MAX_LINKS = 8;

/** `standards`: each standard's last periods, as a "Performance" sheet; none, no sheet. */
export async function matrixXlsx(
  campaign: Campaign,
  rows: readonly MatrixRow[],
  actions: readonly ImprovementAction[],
  standards: readonly StandardRow[] = [],
): Promise<Buffer> {
  // Loaded when an export is asked for: start-up does not wait for it.
  const { default: Excel } = await import("exceljs");
  const book = new Excel.Workbook();
  book.creator = "CSE Assessment bot";
  book.title = `${campaign.name}: evidence matrix`;
  const sheet = book.addWorksheet("Evidence matrix", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([...HEADINGS, ...Array.from({ length: MAX_LINKS }, (_, i) => `Evidence ${i + 1}`)]).font = { bold: true };
  for (const r of rows) {
    const row = sheet.addRow([r.unit, r.ref, r.criterion, r.statement, r.selfRating, r.assessorRating, r.status, r.owner, r.narrative]);
    r.links.slice(0, MAX_LINKS).forEach((l, i) => {
      row.getCell(HEADINGS.length + 1 + i).value = { text: l.title, hyperlink: l.url };
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADINGS.length } };
  [18, 9, 28, 60, 18, 18, 20, 22, 60].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  for (const c of [4, 9]) sheet.getColumn(c).alignment = { wrapText: true, vertical: "top" };

  const plan = book.addWorksheet("Improvement actions", { views: [{ state: "frozen", ySplit: 1 }] });
  plan.addRow(["Action", "Title", "Elements", "Owner", "Due", "Priority", "Status", "Description"]).font = { bold: true };
  for (const a of actions)
    plan.addRow([
      Number(a.id),
      a.title,
      a.refs.join(", "),
      a.owner.name,
      a.dueOn,
      priorityLabel(a.priority),
      statusLabel(a.status),
      a.description,
    ]);
  [8, 50, 16, 22, 12, 10, 12, 60].forEach((width, i) => (plan.getColumn(i + 1).width = width));
  if (standards.length > 0) addPerformanceSheet(book, standards);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function matrixCsv(rows: readonly MatrixRow[]): string {
  const lines = [[...HEADINGS, "Evidence"].map(csvCell).join(",")];
  for (const r of rows) {
    const links = r.links.map((l) => `${l.title} <${l.url}>`).join("; ");
    lines.push(
      [r.unit, r.ref, r.criterion, r.statement, r.selfRating, r.assessorRating, r.status, r.owner, r.narrative, links]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** RFC 4180 quoting; a leading = + - @ (a formula to a spreadsheet) is neutralised with a quote. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
