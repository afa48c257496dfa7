/**
 * A campaign's self-assessment as a file: the XLSX or CSV evidence matrix, or the HTML report.
 * Used by `npx cse-bot export` and, from chat, by `export`. No Teams SDK.
 */
import type { Clock } from "../clock.js";
import { londonDay } from "../domain/calendar.js";
import type { Campaign } from "../domain/campaign.js";
import { slug } from "../domain/campaign.js";
import { summarise } from "../domain/summary.js";
import { matrixCsv, matrixRows, matrixXlsx } from "../io/evidence-matrix.js";
import { htmlReport } from "../io/html-report.js";
import { standardsPage } from "../io/standards-page.js";
import { standardRows } from "../domain/standards-report.js";
import type { Stores } from "../store/index.js";

/** "public": the "How we are doing" page of the council's service standards, to publish (4.1.2, 5.3.2). */
export const EXPORT_FORMATS = ["xlsx", "csv", "html", "public"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  public: "text/html; charset=utf-8",
};

export async function exportCampaign(stores: Stores, clock: Clock, campaign: Campaign, format: ExportFormat): Promise<ExportedFile> {
  const [assessments, allActions, report, { standards, figures }] = await Promise.all([
    stores.assessments.listForCampaign(campaign.tenantId, campaign.id),
    stores.actions.list(campaign.tenantId),
    stores.actionImports.getReport(campaign.tenantId, campaign.id),
    stores.standards.withRecentFigures(campaign.tenantId),
  ]);
  const performance = standardRows(standards, figures, clock.now());
  const actions = allActions.filter((a) => !a.campaignId || a.campaignId === campaign.id);
  const rows = matrixRows(campaign, assessments, new Map(Object.entries(report?.ratings ?? {})));
  const today = londonDay(clock.now());
  const base = `${slug(campaign.name) || "cse-self-assessment"}-${today}`;
  if (format === "xlsx")
    return {
      fileName: `${base}-evidence-matrix.xlsx`,
      contentType: CONTENT_TYPES.xlsx,
      bytes: await matrixXlsx(campaign, rows, actions, performance),
    };
  if (format === "csv")
    return {
      fileName: `${base}-evidence-matrix.csv`,
      contentType: CONTENT_TYPES.csv,
      bytes: Buffer.from(`\uFEFF${matrixCsv(rows)}`, "utf8"),
    };
  if (format === "public")
    return {
      fileName: `how-we-are-doing-${today}.html`,
      contentType: CONTENT_TYPES.public,
      bytes: Buffer.from(standardsPage({ council: report?.organisation || "Our council", rows: performance, today }), "utf8"),
    };
  const summary = summarise({ assessments, units: campaign.units, actions, today, at: clock.now().toISOString() });
  return {
    fileName: `${base}-report.html`,
    contentType: CONTENT_TYPES.html,
    bytes: Buffer.from(htmlReport({ campaign, rows, summary, actions, today }), "utf8"),
  };
}
