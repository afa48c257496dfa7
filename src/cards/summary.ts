/**
 * The compliance summary card (cards/summary.json) and the same summary as plain text: where the
 * council stands against the standard, for leaders who only read what the bot posts in their
 * channel. The verdict comes first, as one sentence; the detail after it for coordinators.
 */
import { formatLondonDay, daysBetween, relativeDays } from "../domain/calendar.js";
import { COUNCIL_SCOPE } from "../domain/certification.js";
import { LIMITS } from "../domain/limits.js";
import type { ComplianceSummary, OutlookVerdict, RatingCounts } from "../domain/summary.js";
import type { RatingOrUnrated } from "../standard/index.js";
import { periodNoun } from "../domain/periods.js";
import { standardsRisk } from "../domain/standards.js";
import type { SummaryView } from "../services/summary.js";
import type { Notice } from "../services/views.js";
import { formatDay, shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";
import { plural } from "../domain/plural.js";

/** Refs named in one list before "and N more": enough to act on, short enough to read. */
const REFS_SHOWN = 8;
/** Criterion buttons per row: Teams squeezes more than a few side by side into a "..." menu. */
const BUTTONS_PER_ROW = 3;
const UNIT_NAME_CHARS = 40;
const ACTION_TITLE_CHARS = 60;
const OWNER_CHARS = 40;

const SQUARE_COLOURS: Readonly<Record<string, string>> = {
  accent: "Accent",
  good: "Good",
  warning: "Warning",
  attention: "Attention",
  emphasis: "Default",
};

const KINDS: readonly { rating: RatingOrUnrated; label: string; short: string; style: string }[] = [
  { rating: "compliance-plus", label: "Compliance Plus", short: "CP", style: "accent" },
  { rating: "compliance", label: "Compliance", short: "C", style: "good" },
  { rating: "partial", label: "Partial", short: "PC", style: "warning" },
  { rating: "non-compliance", label: "Non-Compliance", short: "NC", style: "attention" },
  { rating: "not-applicable", label: "N/A", short: "N/A", style: "emphasis" },
  { rating: "unrated", label: "not yet rated", short: "\u2014", style: "emphasis" },
];

const VERDICT_COLOURS: Record<OutlookVerdict, string> = { "on-track": "Good", "not-yet": "Warning", "at-risk": "Attention" };

interface Row {
  readonly title: string;
  readonly value: string;
}

/** Everything the card and the text say, worked out once so the two cannot disagree. */
interface Model {
  readonly title: string;
  readonly campaignName: string;
  readonly outlook: string;
  readonly outlookColor: string;
  readonly risk: string;
  readonly riskColor: string;
  readonly countsLine: string;
  readonly progressLine: string;
  readonly criteria: readonly { number: number; heading: string; counts: string; colour: string; weak: boolean; segments: Segment[] }[];
  readonly changeTitle: string;
  readonly changeLines: readonly string[];
  readonly evidence: string;
  readonly actionsLine: string;
  readonly overdue: readonly Row[];
  readonly nextReview: string;
  readonly units: readonly Row[];
  /** Service standards: N of M met last period; those missed two periods running. Empty when the council has none. */
  readonly standardsLine: string;
  readonly standardsMissed: readonly Row[];
}

interface Segment {
  readonly weight: number;
  readonly style: string;
  readonly squares: string;
  readonly colour: string;
  /** Not yet rated and not applicable read as grey. */
  readonly subtle: boolean;
}

export function summaryCard(view: SummaryView, options: { notice?: Notice } = {}): AdaptiveCard {
  const m = model(view, plainText);
  const criteria = m.criteria.map((c) => ({
    heading: c.heading,
    counts: c.counts,
    colour: c.colour,
    headingWeight: c.weak ? "Bolder" : "Default",
    segments: c.segments,
  }));
  const numbers = m.criteria.map((c) => ({ number: String(c.number) }));
  const buttonRows = Array.from({ length: Math.ceil(numbers.length / BUTTONS_PER_ROW) }, (_, i) => ({
    buttons: numbers.slice(i * BUTTONS_PER_ROW, (i + 1) * BUTTONS_PER_ROW),
  }));
  return renderCard("summary", {
    ...m,
    campaignId: view.campaign.id,
    notice: plainText(options.notice?.text ?? "", 300),
    noticeColor: options.notice?.tone === "good" ? "Good" : options.notice?.tone === "warning" ? "Warning" : "Attention",
    segments: segments(view.summary.counts),
    criteria,
    buttonRows,
    changeLines: m.changeLines.map((line) => ({ line })),
    actionsColor: view.summary.actions.overdue > 0 ? "Attention" : "Default",
    standardsColor: view.standards && view.standards.missedRunning.length > 0 ? "Attention" : "Default",
  });
}

/** The same summary as plain lines (for `cse-bot digest --print`, logs and text-only clients). */
export function summaryText(view: SummaryView): string {
  const m = model(view, shorten);
  const rows = (list: readonly Row[]) => list.map((r) => `  ${r.title}: ${r.value}`);
  return [
    `CSE compliance summary \u00b7 ${m.campaignName} \u00b7 ${formatLondonDay(view.today)}`,
    m.outlook,
    ...(m.risk ? [m.risk] : []),
    `Ratings: ${m.countsLine}`,
    `Progress: ${m.progressLine}`,
    "By criterion:",
    ...m.criteria.map((c) => `  ${c.heading}: ${c.counts}`),
    ...(m.changeTitle ? [`${m.changeTitle}:`, ...m.changeLines.map((l) => `  ${l}`)] : []),
    `Evidence: ${m.evidence}`,
    `Improvement actions: ${m.actionsLine}`,
    ...rows(m.overdue),
    `Next review: ${m.nextReview}`,
    ...(m.standardsLine ? [`Service standards: ${m.standardsLine}`, ...rows(m.standardsMissed)] : []),
    ...(m.units.length ? ["By unit:", ...rows(m.units)] : []),
  ].join("\n");
}

/** `show` puts typed text on the card (escaped for Markdown) or in plain text (only shortened). */
function model(view: SummaryView, show: (text: string, maxChars: number) => string): Model {
  const { summary: s, campaign, today } = view;
  const weak = (c: RatingCounts) => c.partial + c["non-compliance"] > 0;
  const standardsAtRisk = view.standards ? standardsRisk(view.standards) : undefined;
  return {
    title: `CSE compliance summary \u00b7 ${formatLondonDay(today)}`,
    campaignName: show(campaign.name, LIMITS.campaignNameChars),
    outlook: outlookSentence(s),
    outlookColor: VERDICT_COLOURS[s.outlook.verdict],
    risk: [riskLine(s), standardsAtRisk ?? ""].filter(Boolean).join(". "),
    // On track, the Partials are work to do rather than a threat: no alarm colour.
    riskColor: s.outlook.verdict === "on-track" && !standardsAtRisk ? "Default" : VERDICT_COLOURS[s.outlook.verdict],
    countsLine: KINDS.filter((k) => s.counts[k.rating] > 0)
      .map((k) => `${s.counts[k.rating]} ${k.label}`)
      .join(" \u00b7 "),
    progressLine: `${s.progress.rated} of ${s.progress.total} rated, ${s.progress.submitted} submitted, ${s.progress.approved} approved`,
    criteria: s.criteria.map((c) => ({
      number: c.number,
      heading: `${c.number} ${show(c.title, 40)}`,
      counts: criterionCounts(c.counts),
      colour: c.counts["non-compliance"] > 0 ? "Attention" : c.counts.partial > 0 ? "Warning" : "Default",
      weak: weak(c.counts),
      segments: segments(c.counts),
    })),
    ...change(s),
    evidence: evidenceLine(s),
    actionsLine:
      s.actions.open === 0
        ? "No open improvement actions."
        : `${plural(s.actions.open, "open action")}, ${s.actions.overdue} overdue${s.actions.overdue > s.actions.mostOverdue.length ? `; the ${s.actions.mostOverdue.length} most overdue:` : ""}`,
    overdue: s.actions.mostOverdue.map((a) => ({
      title: `Action ${a.id}`,
      value: [
        show(a.title, ACTION_TITLE_CHARS),
        `overdue by ${plural(daysBetween(a.dueOn, today), "day")}`,
        ...(view.showOwners && a.owner.name ? [show(a.owner.name, OWNER_CHARS)] : []),
      ].join(" \u00b7 "),
    })),
    nextReview: nextReview(view, show),
    ...standardsPart(view, show),
    units:
      s.units.length > 1 ? s.units.map((u) => ({ title: show(u.unit.name, UNIT_NAME_CHARS), value: unitLine(u.counts, u.submitted) })) : [],
  };
}

function outlookSentence(s: ComplianceSummary): string {
  const o = s.outlook;
  const total = Object.values(s.counts).reduce((n, c) => n + c, 0);
  const nc = s.counts["non-compliance"];
  if (o.verdict === "on-track") {
    const where = o.margin > 0 ? `${o.margin} above the threshold of ${o.threshold}` : `exactly the threshold of ${o.threshold}`;
    return `On track for certification: ${o.compliant} of ${total} elements at Compliance or better, ${where}.`;
  }
  if (o.verdict === "not-yet")
    return `Not there yet: ${o.compliant} compliant so far, ${-o.margin} short of ${o.threshold}, with ${o.unrated} still to rate.`;
  // At risk: Non-Compliance the rule does not allow, or too few compliant even if every unrated element were.
  const parts: string[] = [];
  const reachable = o.compliant + o.unrated >= o.threshold;
  if (nc > 0) {
    const refs = refList(o.atRisk.filter((r) => r.rating === "non-compliance").map((r) => r.ref));
    parts.push(`${nc} Non-Compliance (${refs})${reachable ? ", which certification does not allow" : ""}`);
  }
  if (o.margin < 0)
    parts.push(
      `${o.compliant} compliant, ${-o.margin} short of ${o.threshold}${o.unrated > 0 ? ` with only ${o.unrated} still to rate` : ""}`,
    );
  else parts.push(`${o.compliant} of ${total} at Compliance or better`);
  return `At risk: ${parts.join("; ")}.`;
}

/** The Partial and Non-Compliance elements, worst first, grouped by rating. */
function riskLine(s: ComplianceSummary): string {
  const { atRisk, verdict } = s.outlook;
  if (atRisk.length === 0) return "";
  const shown = atRisk.slice(0, REFS_SHOWN);
  // Grouped in the order the outlook gives them: worst first.
  const groups = [...new Set(shown.map((r) => r.rating))].map(
    (rating) =>
      `${label(rating)} ${shown
        .filter((r) => r.rating === rating)
        .map((r) => r.ref)
        .join(", ")}`,
  );
  const more = atRisk.length > shown.length ? ` and ${atRisk.length - shown.length} more` : "";
  return `${verdict === "on-track" ? "Still to improve" : "Putting certification at risk"}: ${groups.join("; ")}${more}`;
}

/** Service standards shown: those missed two periods running, worst first. */
const STANDARDS_SHOWN = 5;

function standardsPart(
  view: SummaryView,
  show: (text: string, maxChars: number) => string,
): Pick<Model, "standardsLine" | "standardsMissed"> {
  const st = view.standards;
  if (!st) return { standardsLine: "", standardsMissed: [] };
  const met =
    st.reported === 0 ? "No figures recorded for the last period yet" : `${st.met} of ${st.reported} met their target last period`;
  const unreported = st.notReported.length > 0 ? `; ${st.notReported.length} not reported` : "";
  const runs = st.missedRunning.length > 0 ? `; missed two periods running or more:` : ".";
  return {
    standardsLine: `${met}${unreported}${runs}`,
    standardsMissed: st.missedRunning.slice(0, STANDARDS_SHOWN).map((m) => ({
      title: show(m.standard.promise, 60),
      value: `missed ${m.periods} ${periodNoun(m.standard, m.periods)} running`,
    })),
  };
}

function criterionCounts(c: RatingCounts): string {
  // N/A only when there is some: most councils never use it.
  return KINDS.filter((k) => k.rating !== "not-applicable" || c[k.rating] > 0)
    .map((k) => `${k.short} ${c[k.rating]}`)
    .join(" \u00b7 ");
}

/** Bar weights; empty ratings are left out (a zero-width column is not valid). */
/**
 * One square per element, coloured by its rating, as a run of text per rating: crisp at any
 * width (coloured columns carry padding that breaks narrow bars) and cheap in bytes.
 */
function segments(c: RatingCounts): Segment[] {
  return KINDS.filter((k) => c[k.rating] > 0).map((k) => ({
    weight: c[k.rating],
    style: k.style,
    squares: "\u25A0".repeat(c[k.rating]),
    colour: SQUARE_COLOURS[k.style] ?? "Default",
    subtle: k.style === "emphasis",
  }));
}

function change(s: ComplianceSummary): { changeTitle: string; changeLines: string[] } {
  if (!s.change) return { changeTitle: "", changeLines: [] };
  const since = formatDay(s.change.since);
  const moved = s.change.byCriterion
    .filter((c) => c.delta !== 0)
    .map((c) => `Criterion ${c.number} ${c.delta > 0 ? "\u25b2" : "\u25bc"}${Math.abs(c.delta)}`);
  const lines = [
    ...(moved.length ? [`Compliant elements: ${moved.join(" \u00b7 ")}`] : []),
    ...(s.change.newCompliancePlus.length ? [`New Compliance Plus: ${refList(s.change.newCompliancePlus)}`] : []),
    ...(s.change.newPartials.length ? [`New Partial: ${refList(s.change.newPartials)}`] : []),
  ];
  return lines.length
    ? { changeTitle: `Since ${since}`, changeLines: lines }
    : { changeTitle: `No change since ${since}`, changeLines: [] };
}

function evidenceLine(s: ComplianceSummary): string {
  const e = s.evidence;
  const stale =
    e.staleLinks === 0
      ? "no link is over a year old"
      : `${plural(e.staleLinks, "link")} ${e.staleLinks === 1 ? "is" : "are"} over a year old (in ${plural(e.staleElements, "element")})`;
  return `${e.withLinks} of ${e.total} elements have evidence linked${e.withLinks > 0 ? `; ${stale}` : ""}.`;
}

function nextReview(view: SummaryView, show: (text: string, maxChars: number) => string): string {
  const v = view.nextVisit;
  if (!v) return "Set the certification dates with dates.";
  const scope = v.scopeName && v.scopeName !== COUNCIL_SCOPE.name ? ` (${show(v.scopeName, UNIT_NAME_CHARS)})` : "";
  return `${v.label}${scope} on ${formatLondonDay(v.date)} (${relativeDays(v.daysToGo)}); evidence due ${formatLondonDay(v.evidenceDue)} (${relativeDays(v.evidenceDaysToGo)})`;
}

function unitLine(c: RatingCounts, submitted: number): string {
  const total = Object.values(c).reduce((n, x) => n + x, 0);
  const nc = c["non-compliance"] > 0 ? ` \u00b7 ${c["non-compliance"]} non-compliance` : "";
  return `${c.compliance + c["compliance-plus"]} of ${total} compliant \u00b7 ${c.partial} partial${nc} \u00b7 ${submitted} submitted`;
}

function refList(refs: readonly string[]): string {
  const more = refs.length > REFS_SHOWN ? ` and ${refs.length - REFS_SHOWN} more` : "";
  return `${refs.slice(0, REFS_SHOWN).join(", ")}${more}`;
}

function label(rating: RatingOrUnrated): string {
  return KINDS.find((k) => k.rating === rating)?.label ?? rating;
}
