/** Download links for a campaign's evidence matrix and report, which expire. */
import { LIMITS } from "../domain/limits.js";
import { formatDayTime } from "./format.js";
import { LINK_MINUTES, type ExportLinks } from "../services/export-links.js";
import type { ExportFormat } from "../services/export.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

const FILES: Readonly<Record<ExportFormat, { title: string; description: string; button: string }>> = {
  xlsx: {
    title: "Evidence matrix (Excel)",
    description:
      "One row per element: self rating, assessor's rating, status, owner, narrative and clickable evidence links, with a sheet of improvement actions.",
    button: "Download .xlsx",
  },
  csv: { title: "Evidence matrix (CSV)", description: "The same rows, for other systems.", button: "Download .csv" },
  html: {
    title: "Self-assessment report",
    description:
      "Laid out like an assessor's report: each criterion's elements and ratings, totals, strengths, and partials with their actions. Open it and print to PDF for committee papers.",
    button: "Open the report",
  },
  public: {
    title: "How we are doing (to publish)",
    description:
      "Your service standards with the last 12 months' or quarters' results and a chart, as one accessible web page your council can put on its website (4.1.2 and 5.3.2 ask you to publish your performance).",
    button: "Open the page",
  },
};

export function exportCard(view: ExportLinks): AdaptiveCard {
  return renderCard("export", {
    campaignName: plainText(view.campaignName, LIMITS.campaignNameChars),
    files: view.links.map((l) => ({ ...FILES[l.format], url: l.url })),
    expiryText: `These links are yours: they work until ${formatDayTime(view.expiresAt)} (${LINK_MINUTES} minutes). Press New links for fresh ones.`,
  });
}
