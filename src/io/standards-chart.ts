/**
 * A standard's trend as an inline SVG line chart for the public "How we are doing" page: the
 * last periods' results joined by a line (a period nobody reported leaves a gap), the target as a
 * dashed line labelled in words, met and missed drawn as different shapes (colour is never the
 * only signal), and an accessible name that says the trend in words. No scripts, no fonts of its
 * own: it takes the page's. Everything people typed is escaped.
 */
import { periodName, periodNoun, type Period } from "../domain/periods.js";
import { formatValue, targetText, type StandardRow } from "../domain/standards-report.js";
import { withoutControlCharacters } from "../domain/typed-text.js";
import { escapeHtml } from "./html-report.js";

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WIDTH = 720;
const HEIGHT = 300;
const PLOT = { left: 64, right: WIDTH - 20, top: 56, bottom: HEIGHT - 50 };
export const COLOURS = { line: "#1d4e89", met: "#1d4e89", missed: "#a4262c", target: "#3b4348", grid: "#d9dde1", text: "#3b4348" };

/** Text people typed, safe inside HTML or SVG. */
export const typed = (text: string): string => escapeHtml(withoutControlCharacters(text));

/** An axis label in two lines: ["Q2", "2026/27"] or ["Oct", "2026"]. */
function axisLabel(period: Period): [string, string] {
  if (period.frequency === "quarterly") {
    const [year = "", quarter = ""] = period.id.split("-");
    return [quarter, year];
  }
  const [year = "", month = "1"] = period.start.split("-");
  return [SHORT_MONTHS[Number(month) - 1] ?? "", year];
}

/** Round steps (1, 2, 2.5 or 5 times a power of ten) giving about four gridlines over the values and the target. */
function scale(values: readonly number[], percentage: boolean): { min: number; max: number; step: number } {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const range = hi - lo || Math.max(1, Math.abs(hi) * 0.2);
  const rough = range / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  let min = Math.floor(lo / step) * step;
  let max = Math.ceil(hi / step) * step;
  if (min === lo && min - step >= 0) min -= step; // a point on the bottom edge is hard to see
  if (max === min) max += step;
  if (percentage) [min, max] = [Math.max(0, min), Math.min(100, max)];
  if (!percentage && lo >= 0) min = Math.max(0, min);
  return { min, max, step };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The trend in words, the chart's accessible name: what a sighted reader takes from the picture. */
export function trendSummary(row: StandardRow): string {
  const { standard, periods } = row;
  const reported = periods.filter((p) => p.figure && p.verdict);
  const first = periods[0]!.period;
  const last = periods.at(-1)!.period;
  const span = `the last ${periods.length} ${periodNoun(first, periods.length)}, ${periodName(first)} to ${periodName(last)}`;
  const met = reported.filter((p) => p.verdict!.met).length;
  const notReported = periods.length - reported.length;
  const parts = [
    `Line chart of results for ${span}, against the target of ${targetText(standard)}.`,
    `The target was met in ${met} of the ${reported.length} ${periodNoun(first, reported.length)} reported` +
      (notReported > 0 ? `; ${notReported} ${periodNoun(first, notReported)} not reported.` : "."),
  ];
  const earliest = reported[0];
  const latest = reported.at(-1);
  if (earliest && latest && earliest !== latest) {
    const [from, to] = [earliest.figure!.value, latest.figure!.value];
    const move = round1(to) === round1(from) ? "the same as" : to > from ? "up from" : "down from";
    parts.push(
      `Latest: ${formatValue(to, standard.measure)} in ${periodName(latest.period)}, ${move} ${formatValue(from, standard.measure)} in ${periodName(earliest.period)}.`,
    );
  }
  return parts.join(" ");
}

const n = (v: number) => String(Math.round(v * 10) / 10);

/** The chart, or an empty string when nothing was reported (there is no line to draw). `id` makes its title's id unique on the page. */
export function trendChart(row: StandardRow, id: string): string {
  const { standard, periods } = row;
  const values = periods.flatMap((p) => (p.figure ? [p.figure.value] : []));
  if (values.length === 0) return "";
  const percentage = standard.measure.kind === "percentage";
  const { min, max, step } = scale([...values, standard.target.value], percentage);
  const slot = (PLOT.right - PLOT.left) / periods.length;
  const x = (i: number) => PLOT.left + (i + 0.5) * slot;
  const y = (v: number) => PLOT.bottom - ((v - min) / (max - min)) * (PLOT.bottom - PLOT.top);
  const tickText = (v: number) => (percentage ? `${n(v)}%` : n(v));

  const grid: string[] = [];
  for (let v = min; v <= max + step / 1000; v += step)
    grid.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${COLOURS.grid}"/>` +
        `<text x="${PLOT.left - 8}" y="${n(y(v) + 4)}" text-anchor="end">${tickText(v)}</text>`,
    );
  const unit = standard.measure.kind === "percentage" ? "" : standard.measure.unit.trim();
  const unitLabel = unit ? `<text x="${PLOT.left - 8}" y="${PLOT.top - 14}" text-anchor="end">${typed(unit)}</text>` : "";

  const axis = periods
    .map(({ period }, i) => {
      const [top, bottom] = axisLabel(period);
      return `<text x="${n(x(i))}" y="${PLOT.bottom + 20}" text-anchor="middle">${typed(top)}<tspan x="${n(x(i))}" dy="15">${typed(bottom)}</tspan></text>`;
    })
    .join("");

  // A period without a figure ends one stretch of line; the next figure starts another.
  let path = "";
  periods.forEach((p, i) => {
    if (!p.figure) return;
    path += `${periods[i - 1]?.figure ? "L" : "M"}${n(x(i))} ${n(y(p.figure.value))}`;
  });
  const points = periods
    .map((p, i) => {
      if (!p.figure || !p.verdict) return "";
      const [px, py] = [n(x(i)), n(y(p.figure.value))];
      return p.verdict.met
        ? `<circle cx="${px}" cy="${py}" r="5.5" fill="${COLOURS.met}"/>`
        : `<rect x="-5" y="-5" width="10" height="10" transform="translate(${px} ${py}) rotate(45)" fill="#fff" stroke="${COLOURS.missed}" stroke-width="2.5"/>`;
    })
    .join("");

  const ty = n(y(standard.target.value));
  const target =
    `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${ty}" y2="${ty}" stroke="${COLOURS.target}" stroke-width="2" stroke-dasharray="8 5"/>` +
    `<text x="${PLOT.right - 4}" y="${n(Number(ty) - 7)}" text-anchor="end" class="halo">Target: ${typed(targetText(standard))}</text>`;

  const legend =
    `<g transform="translate(${PLOT.left} 18)">` +
    `<circle cx="6" cy="0" r="5.5" fill="${COLOURS.met}"/><text x="18" y="5">Met</text>` +
    `<rect x="-5" y="-5" width="10" height="10" transform="translate(76 0) rotate(45)" fill="#fff" stroke="${COLOURS.missed}" stroke-width="2.5"/><text x="90" y="5">Missed</text>` +
    `<line x1="168" x2="200" y1="0" y2="0" stroke="${COLOURS.target}" stroke-width="2" stroke-dasharray="8 5"/><text x="208" y="5">Target</text>` +
    `<text x="268" y="5">No mark: not reported</text></g>`;

  return `<svg class="trend" role="img" aria-labelledby="${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" xmlns="http://www.w3.org/2000/svg"><title id="${id}">${typed(trendSummary(row))}</title>
<g font-size="13" fill="${COLOURS.text}">${legend}${unitLabel}${grid.join("")}${axis}</g>
<path d="${path}" fill="none" stroke="${COLOURS.line}" stroke-width="2.5" stroke-linejoin="round"/>
<g font-size="13" fill="${COLOURS.text}">${target}</g>${points}</svg>`;
}
