/**
 * The public "How we are doing" page a council publishes on its website (CSE 4.1.2 and 5.3.2 ask
 * it to publish its performance against its customer service standards): each published standard
 * with its target, the latest result in words, a trend chart and a table of the last periods. One
 * self-contained HTML file (no scripts, no external resources) that prints cleanly. Met and missed
 * are always said in words and shapes, never by colour alone. Everything people typed is escaped.
 */
import { formatLondonDay, type IsoDate } from "../domain/calendar.js";
import { formatValue, targetText, type PeriodFigure, type StandardRow } from "../domain/standards-report.js";
import { periodName, periodNoun } from "../domain/periods.js";
import { trendChart, typed } from "./standards-chart.js";

export interface StandardsPageInput {
  readonly council: string;
  readonly rows: readonly StandardRow[];
  readonly today: IsoDate;
}

const CSS = `body{font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;background:#fff;max-width:52rem;margin:0 auto;padding:1.5rem 1rem 3rem;line-height:1.5}
h1{font-size:2rem;line-height:1.2;margin:0 0 1rem}h2{font-size:1.4rem;line-height:1.3;margin:2.75rem 0 .5rem;padding-top:1rem;border-top:4px solid #1d4e89}
p{margin:.5rem 0}.lead{font-size:1.15rem}.muted{color:#505a5f}.target{font-weight:bold;margin:.25rem 0 .75rem}
.status{border-left:6px solid;padding:.6rem .9rem;margin:.75rem 0 1rem;font-size:1.05rem}.status p{margin:.2rem 0}
.met{border-color:#00703c;background:#eef7f1}.missed{border-color:#a4262c;background:#fbeff0}.none{border-color:#505a5f;background:#f3f2f1}
.met .word{color:#005a30}.missed .word{color:#8a1f25}.word{font-weight:bold}.sign{font-weight:bold;margin-right:.3rem}
svg.trend{display:block;width:100%;height:auto;max-width:720px;margin:.5rem 0 1rem;font-family:inherit}
.halo{paint-order:stroke;stroke:#fff;stroke-width:5px;stroke-linejoin:round}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}caption{text-align:left;font-weight:bold;padding:.25rem 0 .5rem}
th,td{border-bottom:1px solid #b1b4b6;padding:.45rem .6rem .45rem 0;vertical-align:top;text-align:left}thead th{border-bottom:2px solid #1b1b1b}
tbody th{font-weight:normal}@media (min-width:40rem){tbody th,td.one-line{white-space:nowrap}}td.note{white-space:pre-line}.yes{color:#005a30}.no{color:#8a1f25}
@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid;border-top-width:2px}svg.trend,tr,.status{break-inside:avoid}
.met,.missed,.none{background:none}}@page{margin:15mm}`;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const wholeNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** "Met by 2 points" with a tick, "Missed by 3 minutes" with a cross: the symbol only repeats the words. */
function metWords(p: PeriodFigure): string {
  if (!p.verdict) return "";
  const sign = p.verdict.met ? "✓" : "✗";
  return `<span class="${p.verdict.met ? "yes" : "no"}"><span class="sign" aria-hidden="true">${sign}</span>${typed(capitalised(p.verdict.text))}</span>`;
}

/** What a resident reads first: the latest result, met or missed, and a run of misses. */
function latestResult(row: StandardRow, today: IsoDate): string {
  const { latest, standard, lastFinished } = row;
  if (!latest) return `<div class="status none"><p>No results published yet.</p></div>`;
  const met = latest.verdict.met;
  const lines = [
    `<p><span class="sign" aria-hidden="true">${met ? "✓" : "✗"}</span><span class="word">${met ? "Met" : "Missed"}:</span> ` +
      `${typed(formatValue(latest.figure.value, standard.measure))} in ${typed(periodName(latest.period))}, ${typed(latest.verdict.text)}.</p>`,
  ];
  if (row.missedRunning >= 2)
    lines.push(`<p>We have missed this target ${row.missedRunning} ${periodNoun(lastFinished, row.missedRunning)} running.</p>`);
  if (latest.period.id !== lastFinished.id)
    lines.push(
      `<p class="muted">The result for ${typed(periodName(lastFinished))} ${today < row.due ? `is due by ${formatLondonDay(row.due)}` : "has not been reported"}.</p>`,
    );
  return `<div class="status ${met ? "met" : "missed"}">${lines.join("")}</div>`;
}

function resultsTable(row: StandardRow): string {
  const { standard, periods } = row;
  const anyComparator = periods.some((p) => p.figure?.comparator !== undefined);
  const anyNote = periods.some((p) => p.figure?.note?.trim());
  const measure = standard.measure;
  const first = periods[0]!.period;
  const last = periods.at(-1)!.period;
  const heads = ["Period", "Result", "Target", "Met?", ...(anyComparator ? ["Comparator"] : []), ...(anyNote ? ["Note"] : [])];
  // Newest first: the latest result is the one most people look for.
  const body = [...periods]
    .reverse()
    .map((p) => {
      const f = p.figure;
      const count = f?.count !== undefined ? ` <span class="muted">(${wholeNumber.format(f.count)} cases)</span>` : "";
      const cells = [
        `<th scope="row">${typed(periodName(p.period))}</th>`,
        `<td class="one-line">${f ? `${typed(formatValue(f.value, measure))}${count}` : "Not reported"}</td>`,
        `<td class="one-line">${typed(capitalised(targetText(standard)))}</td>`,
        `<td>${metWords(p)}</td>`,
        ...(anyComparator ? [`<td>${f?.comparator !== undefined ? typed(formatValue(f.comparator, measure)) : ""}</td>`] : []),
        ...(anyNote ? [`<td class="note">${typed(f?.note?.trim() ?? "")}</td>`] : []),
      ];
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  const caption = `Results by ${periodNoun(first)}, ${periodName(first)} to ${periodName(last)}, latest first`;
  const comparatorHelp = anyComparator
    ? `<p class="muted">Comparator: a result for the same ${periodNoun(first)} to compare ours with, such as the average of similar councils.</p>`
    : "";
  return `<table><caption>${typed(caption)}</caption>
<thead><tr>${heads.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead>
<tbody>
${body}
</tbody></table>${comparatorHelp}`;
}

function standardSection(row: StandardRow, index: number, today: IsoDate): string {
  const { standard } = row;
  const heading = `standard-${index + 1}`;
  const service = standard.unit ? `<p class="muted">Service: ${typed(standard.unit.name)}</p>` : "";
  const reported = `Reported ${standard.frequency === "quarterly" ? "every quarter" : "every month"}.`;
  const details = row.latest ? `${trendChart(row, `${heading}-trend`)}\n${resultsTable(row)}` : "";
  return `<section aria-labelledby="${heading}">
<h2 id="${heading}">${typed(standard.promise)}</h2>
${service}<p class="target">Our target: ${typed(targetText(standard))}. <span class="muted">${reported}</span></p>
${latestResult(row, today)}
${details}
</section>`;
}

export function standardsPage(input: StandardsPageInput): string {
  const council = typed(input.council);
  const published = input.rows.filter((r) => r.standard.published);
  const sections =
    published.length === 0
      ? "<p>We have not published any service standards yet.</p>"
      : published.map((row, i) => standardSection(row, i, input.today)).join("\n");
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>How we are doing: ${council}</title><style>${CSS}</style></head>
<body>
<main>
<h1>How we are doing: ${council}</h1>
<p class="lead">Our service standards are the promises we make about the service you can expect from us, such as how quickly we answer your call or reply to your letter. This page shows how we are doing against each of them.</p>
<p>For each standard you can see our target, our latest result, and our results over time. We update this page when each month's or quarter's results are in. <span class="muted">Last updated ${formatLondonDay(input.today)}.</span></p>
${sections}
</main>
</body></html>
`;
}
