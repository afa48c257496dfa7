/** Where a person stands in a walk-through: counts by rating, what is left, where to go next. Pure. */
import { ELEMENTS, RATINGS, type RatingOrUnrated } from "../standard/index.js";
import type { ElementAssessment } from "./assessment.js";

export interface ProgressSummary {
  readonly total: number;
  readonly rated: number;
  readonly withEvidence: number;
  readonly byRating: Readonly<Record<RatingOrUnrated, number>>;
  /** Refs not yet rated, in the standard's order. */
  readonly remaining: readonly string[];
}

export type AssessmentsByRef = ReadonlyMap<string, ElementAssessment>;

export function summarise(assessments: AssessmentsByRef, refs: readonly string[] = ELEMENTS.map((e) => e.ref)): ProgressSummary {
  const byRating = Object.fromEntries([...RATINGS.map((r) => [r.id, 0]), ["unrated", 0]]) as Record<RatingOrUnrated, number>;
  const remaining: string[] = [];
  let withEvidence = 0;
  for (const ref of refs) {
    const a = assessments.get(ref);
    const rating = a?.rating ?? "unrated";
    byRating[rating] += 1;
    if (rating === "unrated") remaining.push(ref);
    if ((a?.evidence.length ?? 0) > 0) withEvidence += 1;
  }
  return { total: refs.length, rated: refs.length - remaining.length, withEvidence, byRating, remaining };
}

/** The first unrated element after `fromRef` (wrapping round), or undefined when all are rated. */
export function nextUnrated(
  assessments: AssessmentsByRef,
  fromRef?: string,
  refs: readonly string[] = ELEMENTS.map((e) => e.ref),
): string | undefined {
  const start = fromRef === undefined ? 0 : refs.indexOf(fromRef) + 1;
  for (let step = 0; step < refs.length; step++) {
    const ref = refs[(start + step) % refs.length]!;
    if (ref !== fromRef && (assessments.get(ref)?.rating ?? "unrated") === "unrated") return ref;
  }
  return undefined;
}

/** The neighbour of `ref` in walk order, clamped at the ends. */
export function neighbour(ref: string, direction: 1 | -1, refs: readonly string[] = ELEMENTS.map((e) => e.ref)): string {
  const i = refs.indexOf(ref);
  const j = Math.min(refs.length - 1, Math.max(0, (i < 0 ? 0 : i) + direction));
  return refs[j]!;
}
