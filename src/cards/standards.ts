/**
 * The service standards card (cards/standards.json): how many standards met their target last
 * period, then each standard with its latest result against target in words, its trend over the
 * last 12 periods as a line chart (with the same numbers as text for clients that draw no
 * charts), and the buttons to record a figure or change a standard.
 */
import { formatLondonDay } from "../domain/calendar.js";
import { periodName, periodNoun, shortPeriodName } from "../domain/periods.js";
import { formatValue, targetNumber, targetText, type StandardRow } from "../domain/standards-report.js";
import type { StandardsSummary } from "../domain/standards.js";
import type { StandardsView } from "../services/standards.js";
import { shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { cardBytes, renderCard, TEAMS_CARD_BYTES, type AdaptiveCard } from "./render.js";

/** Within Teams' 28 KB with 20 standards, each with 12 periods and its chart's fallback. */
const SHOWN = 20;
const PROMISE_CHARS = 90;
const NAME_CHARS = 30;
const CHOICE_CHARS = 36;
/** Standards named in the headline before "and N more". */
const NAMED = 3;

export function standardsCard(view: StandardsView): AdaptiveCard {
  // Text in scripts that take more bytes (Welsh, say) could pass 28 KB: then fewer are shown, and the card says so.
  for (let shown = SHOWN; ; shown--) {
    const card = renderStandards(view, shown);
    if (shown <= 1 || cardBytes(card) <= TEAMS_CARD_BYTES) return card;
  }
}

function renderStandards(view: StandardsView, limit: number): AdaptiveCard {
  const rows = [...view.rows].sort(worstFirst);
  const shown = rows.slice(0, limit);
  const mine = rows.filter((r) => view.canManage || r.standard.owner.userId === view.viewerId);
  const notice = view.notice;
  return renderCard("standards", {
    ...headline(view.summary, rows.length),
    // Said while there are few; a long list needs the room.
    intro:
      view.rows.length <= 10
        ? "Each standard is a promise the council publishes, with its target. Criteria 4.1 and 5.3 of the standard ask how well you keep them."
        : "",
    notice: plainText(notice?.text ?? "", 400),
    noticeStyle: notice?.tone === "good" ? "good" : notice?.tone === "warning" ? "warning" : "attention",
    noticeColor: notice?.tone === "good" ? "Good" : notice?.tone === "warning" ? "Warning" : "Attention",
    standards: shown.map((r) => standardData(r, view.today)),
    emptyText:
      rows.length > 0
        ? ""
        : view.canManage
          ? "No service standards yet. Press New standard to add the first: the promise as you publish it, and its target."
          : "No service standards yet. Your CSE coordinator adds them: type roles to see who that is.",
    hiddenText:
      rows.length > limit
        ? `${rows.length - limit} more ${rows.length - limit === 1 ? "standard is" : "standards are"} not shown; the evidence matrix export lists them all.`
        : "",
    pickLabel: view.canManage ? "Standard" : "Your standard",
    firstChoice: mine[0]?.standard.id ?? "",
    recordChoices: mine.map((r) => ({ title: plainText(shorten(r.standard.promise, CHOICE_CHARS), CHOICE_CHARS), value: r.standard.id })),
    canManage: view.canManage,
  });
}

function headline(summary: StandardsSummary, total: number): { summaryLine: string; summaryColor: string; detailLine: string } {
  if (total === 0) return { summaryLine: "No standards yet", summaryColor: "Default", detailLine: "" };
  const details = [
    summary.missedRunning.length > 0 &&
      `${summary.missedRunning.length} missed two periods running or more: ${summary.missedRunning
        .slice(0, NAMED)
        .map((m) => shorten(m.standard.promise, 50))
        .join("; ")}${summary.missedRunning.length > NAMED ? ` and ${summary.missedRunning.length - NAMED} more` : ""}.`,
    summary.notReported.length > 0 && `${summary.notReported.length} not reported for the last period.`,
  ].filter((d): d is string => typeof d === "string");
  return {
    summaryLine:
      summary.reported === 0
        ? "No figures recorded for the last period yet"
        : `${summary.met} of ${summary.reported} ${summary.reported === 1 ? "standard" : "standards"} met the target last period`,
    summaryColor: summary.missedRunning.length > 0 ? "Attention" : summary.met < summary.reported ? "Warning" : "Good",
    detailLine: plainText(details.join(" "), 600),
  };
}

/** Standards missed several periods running first, then those missed last period, then the rest. */
function worstFirst(a: StandardRow, b: StandardRow): number {
  const rank = (r: StandardRow) => (r.missedRunning >= 2 ? 0 : r.latest && !r.latest.verdict.met ? 1 : r.latest ? 3 : 2);
  return rank(a) - rank(b) || b.missedRunning - a.missedRunning || a.standard.promise.localeCompare(b.standard.promise, "en-GB");
}

function standardData(row: StandardRow, today: string) {
  const { standard, latest } = row;
  const value = (n: number) => formatValue(n, standard.measure);
  const stale = latest && latest.period.id !== row.lastFinished.id;
  const missing =
    !latest || stale
      ? ` ${periodName(row.lastFinished)} ${today <= row.due ? `is due by ${formatLondonDay(row.due)}` : "has not been reported"}.`
      : "";
  const running = row.missedRunning >= 2 ? ` Missed ${row.missedRunning} ${periodNoun(standard, row.missedRunning)} running.` : "";
  // The unit is said once: "2.3 minutes in October 2026 (target no more than 3), by 0.7".
  const by = latest && latest.verdict.text.replace(/^(met|missed) /, "").replace(/^by ([\d.]+) (?!points?$).*$/, "by $1");
  const resultLine = latest
    ? `${latest.verdict.met ? "\u2713 Met" : "\u2717 Missed"}: ${value(latest.figure.value)} in ${periodName(latest.period)} (target ${targetNumber(standard)}), ${by}.${running}${missing}`
    : `No figures yet (target ${targetText(standard)}).${missing}`;
  const reported = row.periods.filter((p) => p.figure);
  return {
    promise: plainText(shorten(standard.promise, PROMISE_CHARS), PROMISE_CHARS),
    resultLine: plainText(resultLine, 400),
    resultColor: !latest ? "Default" : row.missedRunning >= 2 || !latest.verdict.met ? "Attention" : "Good",
    aboutLine: plainText(
      [
        shorten(standard.unit?.name ?? "Whole council", NAME_CHARS),
        standard.frequency,
        `owner ${shorten(standard.owner.name, NAME_CHARS)}`,
        standard.published ? "" : "not published",
      ]
        .filter(Boolean)
        .join(" \u00b7 "),
      200,
    ),
    // A line needs two points; one figure is said in the result line already. The target is a
    // line across the same periods as the results, so both share one axis.
    hasChart: reported.length >= 2,
    results: reported.map((p) => ({ x: shortPeriodName(p.period), y: round(p.figure!.value) })),
    // From just below the lowest point, not from 0: a line from 86% to 94% is otherwise flat at the top.
    yMin: axisFloor([...reported.map((p) => p.figure!.value), standard.target.value]),
    targets: [reported[0], reported.at(-1)]
      .filter((p) => p !== undefined)
      .map((p) => ({ x: shortPeriodName(p.period), y: standard.target.value })),
    trendText: plainText(trendText(row), 600),
  };
}

/** One decimal, none from 100 up (1234.5 is 1235 on a chart): what a reader compares. */
const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10);

/** The chart's numbers for clients that draw none, the span and unit said once: "Q3 2023/24 to Q2 2026/27 (%): Q3 91, Q4 93, …". */
function trendText(row: StandardRow): string {
  const { periods, standard } = row;
  const label = (p: StandardRow["periods"][number]) => shortPeriodName(p.period).split(" ")[0];
  const span = `${periodName(periods[0]!.period)} to ${periodName(periods.at(-1)!.period)}`;
  return `${span} (${unitOf(standard)}): ${periods.map((p) => `${label(p)} ${p.figure ? round(p.figure.value) : "\u2014"}`).join(", ")}.`;
}

/** A round number a little below the lowest value, never below 0. */
function axisFloor(values: readonly number[]): number {
  const lo = Math.min(...values);
  const span = Math.max(...values) - lo || Math.abs(lo) || 1;
  const step = 10 ** Math.floor(Math.log10(span));
  return Math.max(0, Math.floor((lo - span / 4) / step) * step);
}

/** "%", "minutes": said once before a row of numbers. */
const unitOf = (s: StandardRow["standard"]) =>
  s.measure.kind === "percentage" ? "%" : shorten(s.measure.unit || s.measure.kind, NAME_CHARS);
