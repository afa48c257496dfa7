/**
 * Each standard's last finished periods with their figures and verdicts: the one reading of
 * performance that the standards card, the digest, the element cards, the evidence matrix and the
 * public "How we are doing" page all show, so they can never disagree. And the words for values
 * and targets ("92%", "at least 90%", "no more than 15 minutes"). Pure.
 */
import { currentPeriod, figureDue, periodsEndingWith, previousPeriod, type Period } from "./periods.js";
import { missedRunning, verdict, type Measure, type Verdict } from "./performance.js";
import { summariseStandards, type Figure, type ServiceStandard, type StandardsSummary } from "./standards.js";

/** How many periods a trend shows: a year of months, three years of quarters. */
export const TREND_PERIODS = 12;

export interface PeriodFigure {
  readonly period: Period;
  /** Absent when nobody reported it. */
  readonly figure?: Figure;
  readonly verdict?: Verdict;
}

export interface StandardRow {
  readonly standard: ServiceStandard;
  /** The last finished periods, oldest first (TREND_PERIODS of them). */
  readonly periods: readonly PeriodFigure[];
  /** The latest period with a figure, if any. */
  readonly latest?: PeriodFigure & { readonly figure: Figure; readonly verdict: Verdict };
  /** The last finished period (its figure may be missing), and when its figure is due. */
  readonly lastFinished: Period;
  readonly due: string;
  readonly missedRunning: number;
}

/** The last finished period of `standard` at `now`: the one before the period in progress. */
export function lastFinishedPeriod(standard: Pick<ServiceStandard, "frequency">, now: Date): Period {
  return previousPeriod(currentPeriod(now, standard.frequency));
}

/** Each standard's row, by promise (the order every view lists them in). */
export function standardRows(standards: readonly ServiceStandard[], figures: readonly Figure[], now: Date): StandardRow[] {
  const byKey = new Map(figures.map((f) => [`${f.standardId}|${f.periodId}`, f]));
  const ordered = [...standards].sort((a, b) => a.promise.localeCompare(b.promise, "en-GB"));
  return ordered.map((standard) => {
    const lastFinished = lastFinishedPeriod(standard, now);
    const periods = periodsEndingWith(lastFinished, TREND_PERIODS).map((period): PeriodFigure => {
      const figure = byKey.get(`${standard.id}|${period.id}`);
      return figure ? { period, figure, verdict: verdict(figure.value, standard.target, standard.measure) } : { period };
    });
    const latest = periods.findLast((p) => p.figure !== undefined) as StandardRow["latest"];
    return {
      standard,
      periods,
      latest,
      lastFinished,
      due: figureDue(lastFinished),
      missedRunning: missedRunning(
        periods.map((p) => p.figure?.value),
        standard.target,
        standard.measure,
      ),
    };
  });
}

/** The summary leaders read (N of M met last period, missed two running, not reported). */
export function summariseAt(standards: readonly ServiceStandard[], figures: readonly Figure[], now: Date): StandardsSummary {
  return summariseStandards(standards, figures, (s) => periodsEndingWith(lastFinishedPeriod(s, now), TREND_PERIODS));
}

const trim = (n: number) => {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
};

/** "92%", "12.5 minutes", "340 calls". */
export function formatValue(value: number, measure: Measure): string {
  if (measure.kind === "percentage") return `${trim(value)}%`;
  const unit = measure.unit.trim();
  if (!unit) return trim(value);
  return `${trim(value)} ${value === 1 ? unit.replace(/s$/, "") : unit}`;
}

/** "at least 90%", "no more than 15 minutes". */
export function targetText(standard: Pick<ServiceStandard, "target" | "measure">): string {
  return `${standard.target.better === "higher" ? "at least" : "no more than"} ${formatValue(standard.target.value, standard.measure)}`;
}

/** "at least 90%", "no more than 15": the target where its unit was just said. */
export function targetNumber(standard: Pick<ServiceStandard, "target" | "measure">): string {
  const n = standard.measure.kind === "percentage" ? formatValue(standard.target.value, standard.measure) : trim(standard.target.value);
  return `${standard.target.better === "higher" ? "at least" : "no more than"} ${n}`;
}

/** "percentage", "average (minutes)", "count (calls)": what the measure is, for a sheet's column. */
export function measureText(measure: Measure): string {
  if (measure.kind === "percentage") return "percentage of cases";
  return measure.unit ? `${measure.kind} (${measure.unit})` : measure.kind;
}
