/**
 * A council's published customer service standards: the promise as published, what is measured
 * and the target, how often it is reported, who reports it, and the elements it evidences (4.1.1,
 * 4.1.2, 5.1.1, 5.1.2, 5.3.1 to 5.3.3 and 1.3.4 ask for exactly this); checked as a coordinator
 * types it. And what leaders read of them: how many met their target last period, and which
 * have missed two periods running. Pure.
 */
import { parseRefs, type Person } from "./actions.js";
import { tooLong } from "./limits.js";
import type { Frequency, Period } from "./periods.js";
import { missedRunning, verdict, type Direction, type Measure, type Target } from "./performance.js";
import { ok, refuse, type Result } from "./refusal.js";
import { cleanLine } from "./typed-text.js";

export interface ServiceStandard {
  readonly id: string;
  /** The promise as the council publishes it: "We will answer letters within ten working days". */
  readonly promise: string;
  readonly measure: Measure;
  readonly target: Target;
  readonly frequency: Frequency;
  readonly owner: Person;
  /** Published to customers (4.1.2 and 5.3.2 ask that performance is). */
  readonly published: boolean;
  /** Elements it evidences, in the standard's order. */
  readonly refs: readonly string[];
  /** The unit it belongs to; none for the whole council. */
  readonly unit?: { readonly id: string; readonly name: string };
}

/** The elements a standard usually evidences, offered when one is created. */
export const SUGGESTED_REFS = ["1.3.4", "4.1.1", "4.1.2", "5.1.1", "5.1.2", "5.3.1", "5.3.2", "5.3.3"] as const;

export const STANDARD_LIMITS = { promiseChars: 200, promiseBytes: 400, unitChars: 30 } as const;

export interface StandardDraft {
  readonly promise: string;
  /** "percentage", "average" or "count". */
  readonly measure: string;
  readonly unit?: string;
  readonly target: string;
  readonly better: string;
  readonly frequency: string;
  readonly refs: string;
  readonly published?: boolean;
}

export type StandardFields = Omit<ServiceStandard, "id" | "owner" | "unit">;

/** Checks a standard as typed on its card. */
export function validateStandardDraft(draft: StandardDraft): Result<StandardFields> {
  const promise = cleanLine(draft.promise);
  if (promise.length < 5)
    return refuse(
      "invalid-payload",
      "Please write the promise as you publish it, for example: We will answer letters within ten working days.",
    );
  const tooLongPromise = tooLong("The promise", promise, STANDARD_LIMITS.promiseChars, STANDARD_LIMITS.promiseBytes);
  if (tooLongPromise) return refuse("text-too-long", tooLongPromise);
  const unit = cleanLine(draft.unit ?? "");
  if (unit.length > STANDARD_LIMITS.unitChars)
    return refuse("text-too-long", `The unit is too long (the most is ${STANDARD_LIMITS.unitChars} characters).`);
  const measure: Measure | undefined =
    draft.measure === "percentage"
      ? { kind: "percentage" }
      : draft.measure === "average" || draft.measure === "count"
        ? { kind: draft.measure, unit }
        : undefined;
  if (!measure) return refuse("invalid-payload", "Please choose what is measured: a percentage, an average or a count.");
  const value = Number(draft.target.trim().replace(/%$/, ""));
  if (draft.target.trim() === "" || !Number.isFinite(value))
    return refuse("invalid-payload", "The target is not a number. Write it as a number, for example 90 (for 90%) or 15 (minutes).");
  if (measure.kind === "percentage" && (value < 0 || value > 100))
    return refuse("invalid-payload", "A percentage target is between 0 and 100.");
  if (value < 0) return refuse("invalid-payload", "A target cannot be below zero.");
  if (draft.better !== "higher" && draft.better !== "lower")
    return refuse("invalid-payload", "Please say which way is better: higher (more answered in time) or lower (a shorter wait).");
  if (draft.frequency !== "monthly" && draft.frequency !== "quarterly")
    return refuse("invalid-payload", "Please choose how often it is reported: monthly or quarterly.");
  const refs = parseRefs(draft.refs);
  if (!refs.ok) return refs;
  const better: Direction = draft.better;
  return ok({
    promise,
    measure,
    target: { value, better },
    frequency: draft.frequency,
    published: draft.published ?? true,
    refs: refs.value,
  });
}

/** One period's figure for a standard. */
export interface Figure {
  readonly standardId: string;
  readonly periodId: string;
  readonly value: number;
  /** How many cases it came from ("412 letters"), when the owner gives it. */
  readonly count?: number;
  /** What explains it ("two vacancies in the contact centre"). */
  readonly note?: string;
  /** A comparator for the same period, such as a family-group or national average (5.3.3). */
  readonly comparator?: number;
}

export interface StandardsSummary {
  /** Standards with a figure for their last finished period, and how many of those met the target. */
  readonly reported: number;
  readonly met: number;
  /** The standards missed two or more periods running, worst first. */
  readonly missedRunning: readonly { readonly standard: ServiceStandard; readonly periods: number }[];
  /** Standards without a figure for their last finished period: who has not reported. */
  readonly notReported: readonly ServiceStandard[];
}

/**
 * The summary leaders read: `lastFinished(standard)` names each standard's latest finished
 * periods, oldest first (the last 12 is plenty for a run of misses).
 */
export function summariseStandards(
  standards: readonly ServiceStandard[],
  figures: readonly Figure[],
  lastFinished: (standard: ServiceStandard) => readonly Period[],
): StandardsSummary {
  const valueOf = new Map(figures.map((f) => [`${f.standardId}|${f.periodId}`, f.value]));
  let reported = 0;
  let met = 0;
  const missed: { standard: ServiceStandard; periods: number }[] = [];
  const notReported: ServiceStandard[] = [];
  for (const standard of standards) {
    const values = lastFinished(standard).map((p) => valueOf.get(`${standard.id}|${p.id}`));
    const latest = values.at(-1);
    if (latest === undefined) {
      notReported.push(standard);
      continue;
    }
    reported++;
    if (verdict(latest, standard.target, standard.measure).met) met++;
    const run = missedRunning(values, standard.target, standard.measure);
    if (run >= 2) missed.push({ standard, periods: run });
  }
  missed.sort((a, b) => b.periods - a.periods || a.standard.promise.localeCompare(b.standard.promise));
  return { reported, met, missedRunning: missed, notReported };
}

/** The elements that ask the council to meet its standards, which missed standards put at risk. */
export const MEETING_STANDARDS_REFS = ["4.1.2", "5.3.2"] as const;

/**
 * Whether missed standards put 4.1.2 and 5.3.2 at risk, and why: an assessor looks for standards
 * met consistently, so one missed two periods running is a risk, and so is more than a third of
 * them missed in the last period. Undefined when they are not at risk.
 */
export function standardsRisk(summary: StandardsSummary): string | undefined {
  const runs = summary.missedRunning.length;
  const missedLast = summary.reported - summary.met;
  const reasons = [
    runs > 0 && `${runs} ${runs === 1 ? "standard has" : "standards have"} missed the target two periods running or more`,
    missedLast * 3 > summary.reported && `${missedLast} of ${summary.reported} missed it last period`,
  ].filter((r): r is string => typeof r === "string");
  return reasons.length > 0 ? `Service standards put ${MEETING_STANDARDS_REFS.join(" and ")} at risk: ${reasons.join("; ")}.` : undefined;
}
