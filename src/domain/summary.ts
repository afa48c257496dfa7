/**
 * Where a council stands against the standard, as leaders read it: counts by rating, each
 * criterion, the certification outlook, evidence, improvement actions, the next visit, and what
 * changed since the last summary. Pure: assessments, actions and dates in, numbers out.
 */
import { CRITERIA, ELEMENTS, type RatingOrUnrated } from "../standard/index.js";
import { isClosed, isOverdue, type ImprovementAction } from "./actions.js";
import type { ElementAssessment } from "./assessment.js";
import { addMonths, type IsoDate } from "./calendar.js";
import type { Unit } from "./campaign.js";
import { statusOf } from "./workflow.js";

/** What certification needs, as assessors apply it (the seed reports: 46 of 57, no Non-Compliance). */
export interface OutlookRule {
  readonly minCompliant: number;
  readonly maxNonCompliance: number;
}

export const DEFAULT_OUTLOOK: OutlookRule = { minCompliant: 46, maxNonCompliance: 0 };

export type RatingCounts = Readonly<Record<RatingOrUnrated, number>>;

export type OutlookVerdict = "on-track" | "not-yet" | "at-risk";

export interface Outlook {
  readonly verdict: OutlookVerdict;
  /** Compliance or Compliance Plus. */
  readonly compliant: number;
  readonly threshold: number;
  /** compliant - threshold: above (positive) or short (negative). */
  readonly margin: number;
  /** Partial and Non-Compliance elements, worst first: what puts certification at risk. */
  readonly atRisk: readonly { readonly ref: string; readonly rating: RatingOrUnrated }[];
  readonly unrated: number;
}

export interface CriterionRow {
  readonly number: number;
  readonly title: string;
  readonly counts: RatingCounts;
  readonly total: number;
}

export interface UnitRow {
  readonly unit: Unit;
  readonly counts: RatingCounts;
  readonly submitted: number;
  readonly approved: number;
}

export interface Snapshot {
  readonly at: string;
  /** The council-level rating of each element when the summary was taken. */
  readonly ratings: Readonly<Record<string, RatingOrUnrated>>;
}

export interface Change {
  readonly since: string;
  /** Per criterion: change in elements rated Compliance or Compliance Plus. */
  readonly byCriterion: readonly { readonly number: number; readonly delta: number }[];
  readonly newCompliancePlus: readonly string[];
  readonly newPartials: readonly string[];
}

export interface ComplianceSummary {
  readonly counts: RatingCounts;
  readonly progress: { readonly rated: number; readonly submitted: number; readonly approved: number; readonly total: number };
  readonly criteria: readonly CriterionRow[];
  readonly outlook: Outlook;
  readonly evidence: { readonly withLinks: number; readonly total: number; readonly staleLinks: number; readonly staleElements: number };
  readonly actions: { readonly open: number; readonly overdue: number; readonly mostOverdue: readonly ImprovementAction[] };
  readonly units: readonly UnitRow[];
  readonly change?: Change;
  readonly snapshot: Snapshot;
}

export interface SummaryInput {
  readonly assessments: readonly ElementAssessment[];
  readonly units: readonly Unit[];
  readonly actions: readonly ImprovementAction[];
  readonly today: IsoDate;
  readonly at: string;
  readonly previous?: Snapshot;
  readonly rule?: OutlookRule;
}

const ORDER: readonly RatingOrUnrated[] = ["compliance-plus", "compliance", "partial", "non-compliance", "not-applicable", "unrated"];
/** Worst first, for combining units and listing risks. */
const SEVERITY: readonly RatingOrUnrated[] = ["non-compliance", "partial", "unrated", "compliance", "compliance-plus", "not-applicable"];

export function emptyCounts(): Record<RatingOrUnrated, number> {
  return Object.fromEntries(ORDER.map((r) => [r, 0])) as Record<RatingOrUnrated, number>;
}

/**
 * An element's rating for the council as a whole when units assess it separately: the weakest
 * unit's (a Partial anywhere is a Partial for the council); not applicable only if it is for all.
 */
export function councilRating(ratings: readonly RatingOrUnrated[]): RatingOrUnrated {
  if (ratings.length === 0) return "unrated";
  const applicable = ratings.filter((r) => r !== "not-applicable");
  if (applicable.length === 0) return "not-applicable";
  return SEVERITY.find((r) => (applicable as readonly RatingOrUnrated[]).includes(r))!;
}

export function outlookOf(
  counts: RatingCounts,
  ratings: Readonly<Record<string, RatingOrUnrated>>,
  rule: OutlookRule = DEFAULT_OUTLOOK,
): Outlook {
  const compliant = counts["compliance"] + counts["compliance-plus"];
  const margin = compliant - rule.minCompliant;
  const atRisk = Object.entries(ratings)
    .filter(([, r]) => r === "partial" || r === "non-compliance")
    .sort(
      ([a, ra], [b, rb]) =>
        SEVERITY.indexOf(ra) - SEVERITY.indexOf(rb) || ELEMENTS.findIndex((e) => e.ref === a) - ELEMENTS.findIndex((e) => e.ref === b),
    )
    .map(([ref, rating]) => ({ ref, rating }));
  const unrated = counts.unrated;
  const verdict: OutlookVerdict =
    counts["non-compliance"] > rule.maxNonCompliance
      ? "at-risk"
      : margin >= 0
        ? "on-track"
        : compliant + unrated >= rule.minCompliant
          ? "not-yet"
          : "at-risk";
  return { verdict, compliant, threshold: rule.minCompliant, margin, atRisk, unrated };
}

export function summarise(input: SummaryInput): ComplianceSummary {
  const byRef = Map.groupBy(input.assessments, (a) => a.ref);
  const ratings: Record<string, RatingOrUnrated> = {};
  for (const e of ELEMENTS) ratings[e.ref] = councilRating((byRef.get(e.ref) ?? []).map((a) => a.rating));

  const counts = emptyCounts();
  for (const r of Object.values(ratings)) counts[r]++;
  const criteria = CRITERIA.map((c) => {
    const rowCounts = emptyCounts();
    const refs = c.subCriteria.flatMap((s) => s.elements.map((e) => e.ref));
    for (const ref of refs) rowCounts[ratings[ref]!]++;
    return { number: c.number, title: c.title, counts: rowCounts, total: refs.length };
  });

  const all = input.assessments;
  const total = ELEMENTS.length * Math.max(1, input.units.length);
  const progress = {
    rated: all.filter((a) => a.rating !== "unrated").length,
    submitted: all.filter((a) => statusOf(a) === "submitted" || statusOf(a) === "approved").length,
    approved: all.filter((a) => statusOf(a) === "approved").length,
    total,
  };

  const yearAgo = addMonths(input.today, -12);
  const links = all.flatMap((a) => a.evidence.map((l) => ({ ref: a.ref, stale: l.addedAt.slice(0, 10) < yearAgo })));
  const evidence = {
    withLinks: new Set(all.filter((a) => a.evidence.length > 0).map((a) => a.ref)).size,
    total: ELEMENTS.length,
    staleLinks: links.filter((l) => l.stale).length,
    staleElements: new Set(links.filter((l) => l.stale).map((l) => l.ref)).size,
  };

  const open = input.actions.filter((a) => !isClosed(a));
  const overdue = open
    .filter((a) => isOverdue(a, input.today))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || Number(a.id) - Number(b.id));

  const units = input.units.map((unit) => {
    const mine = all.filter((a) => a.unitId === unit.id);
    const unitCounts = emptyCounts();
    for (const e of ELEMENTS) unitCounts[mine.find((a) => a.ref === e.ref)?.rating ?? "unrated"]++;
    return {
      unit,
      counts: unitCounts,
      submitted: mine.filter((a) => ["submitted", "approved"].includes(statusOf(a))).length,
      approved: mine.filter((a) => statusOf(a) === "approved").length,
    };
  });

  const snapshot: Snapshot = { at: input.at, ratings };
  return {
    counts,
    progress,
    criteria,
    outlook: outlookOf(counts, ratings, input.rule),
    evidence,
    actions: { open: open.length, overdue: overdue.length, mostOverdue: overdue.slice(0, 5) },
    units,
    change: input.previous && changeSince(input.previous, snapshot),
    snapshot,
  };
}

const compliantRating = (r: RatingOrUnrated | undefined) => r === "compliance" || r === "compliance-plus";

/** What moved between two summaries. */
export function changeSince(previous: Snapshot, now: Snapshot): Change {
  const byCriterion = CRITERIA.map((c) => {
    const refs = c.subCriteria.flatMap((s) => s.elements.map((e) => e.ref));
    const count = (s: Snapshot) => refs.filter((ref) => compliantRating(s.ratings[ref])).length;
    return { number: c.number, delta: count(now) - count(previous) };
  });
  const became = (rating: RatingOrUnrated) =>
    ELEMENTS.map((e) => e.ref).filter((ref) => now.ratings[ref] === rating && previous.ratings[ref] !== rating);
  return { since: previous.at, byCriterion, newCompliancePlus: became("compliance-plus"), newPartials: became("partial") };
}
