/**
 * The self-assessment as a self-contained HTML report laid out like an assessor's: totals and
 * outlook, each criterion's elements and ratings, strengths (Compliance Plus) and partials with
 * their improvement actions. One file, no scripts, no external resources; prints cleanly to PDF.
 * Everything people typed is escaped.
 */
import type { ImprovementAction } from "../domain/actions.js";
import { statusLabel as actionStatusLabel } from "../domain/actions.js";
import { formatLondonDay, type IsoDate } from "../domain/calendar.js";
import type { Campaign } from "../domain/campaign.js";
import type { ComplianceSummary } from "../domain/summary.js";
import { CRITERIA, ratingLabel } from "../standard/index.js";
import type { MatrixRow } from "./evidence-matrix.js";

export interface HtmlReportInput {
  readonly campaign: Campaign;
  readonly rows: readonly MatrixRow[];
  readonly summary: ComplianceSummary;
  readonly actions: readonly ImprovementAction[];
  readonly today: IsoDate;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const CSS = `body{font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:2px solid #1d4e89;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #bbb;padding:.35rem .5rem;vertical-align:top;text-align:left;font-size:.9rem}
th{background:#eef2f7}.r-compliance-plus{color:#1d4e89;font-weight:bold}.r-partial{color:#9a5b00;font-weight:bold}.r-non-compliance{color:#a4262c;font-weight:bold}
.muted{color:#555}a{color:#1d4e89}@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}`;

export function htmlReport(input: HtmlReportInput): string {
  const { campaign, rows, summary, actions } = input;
  const e = escapeHtml;
  const c = summary.counts;
  const units = [...new Set(rows.map((r) => r.unit))];
  const ratingCell = (label: string) => {
    const id = label.toLowerCase().replace(/\s+/g, "-").replace("partial-compliance", "partial");
    return `<td class="r-${e(id)}">${e(label)}</td>`;
  };
  const criterionTables = CRITERIA.map((cr) => {
    const mine = rows.filter((r) => r.ref.startsWith(`${cr.number}.`));
    const body = mine
      .map(
        (r) =>
          `<tr>${units.length > 1 ? `<td>${e(r.unit)}</td>` : ""}<td>${e(r.ref)}</td><td>${e(r.statement)}</td>${ratingCell(r.selfRating)}<td>${e(r.assessorRating)}</td><td>${e(r.status)}</td><td>${r.links.map((l) => `<a href="${e(safeUrl(l.url))}">${e(l.title)}</a>`).join("<br>")}</td></tr>`,
      )
      .join("\n");
    return `<h2>${cr.number}. ${e(cr.title)}</h2>\n<table><thead><tr>${units.length > 1 ? "<th>Unit</th>" : ""}<th>Element</th><th>Statement</th><th>Self rating</th><th>Assessor rating</th><th>Status</th><th>Evidence</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
  }).join("\n");
  const strengths = rows.filter((r) => r.selfRating === ratingLabel("compliance-plus"));
  const partials = rows.filter((r) => r.selfRating === ratingLabel("partial") || r.selfRating === ratingLabel("non-compliance"));
  const actionsFor = (ref: string) => actions.filter((a) => a.refs.includes(ref));
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${e(campaign.name)}: self-assessment report</title><style>${CSS}</style></head>
<body>
<h1>${e(campaign.name)}</h1>
<p class="muted">Customer Service Excellence self-assessment report · ${e(formatLondonDay(input.today))}${units.length > 1 ? ` · ${units.length} units` : ""}</p>
<h2>Compliance against the standard</h2>
<table><thead><tr><th>Compliance Plus</th><th>Compliance</th><th>Partial Compliance</th><th>Non-Compliance</th><th>Not applicable</th><th>Not yet rated</th></tr></thead>
<tbody><tr><td>${c["compliance-plus"]}</td><td>${c.compliance}</td><td>${c.partial}</td><td>${c["non-compliance"]}</td><td>${c["not-applicable"]}</td><td>${c.unrated}</td></tr></tbody></table>
<p>${summary.outlook.compliant} of 57 elements at Compliance or better; the threshold for certification is ${summary.outlook.threshold}.</p>
<h2>Strengths (Compliance Plus)</h2>
${strengths.length === 0 ? "<p>None rated Compliance Plus yet.</p>" : `<ul>${strengths.map((r) => `<li><strong>${e(r.ref)}</strong>${units.length > 1 ? ` (${e(r.unit)})` : ""}: ${e(r.narrative || r.statement)}</li>`).join("")}</ul>`}
<h2>Partial compliance and improvement actions</h2>
${
  partials.length === 0
    ? "<p>No element is rated Partial or Non-Compliance.</p>"
    : `<table><thead><tr><th>Element</th><th>Rating</th><th>Improvement actions</th></tr></thead><tbody>${partials
        .map(
          (r) =>
            `<tr><td>${e(r.ref)}${units.length > 1 ? `<br><span class="muted">${e(r.unit)}</span>` : ""}</td>${ratingCell(r.selfRating)}<td>${
              actionsFor(r.ref)
                .map(
                  (a) =>
                    `Action ${e(a.id)}: ${e(a.title)} (${e(a.owner.name)}, due ${e(formatLondonDay(a.dueOn))}, ${e(actionStatusLabel(a.status).toLowerCase())})`,
                )
                .join("<br>") || '<span class="muted">No action planned yet</span>'
            }</td></tr>`,
        )
        .join("")}</tbody></table>`
}
${criterionTables}
</body></html>
`;
}

/** Only web links become links; anything else (javascript:, data:) is shown as text. */
function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : "#";
}
