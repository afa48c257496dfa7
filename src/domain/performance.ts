/**
 * A service standard's figure against its target: met or missed, and by how much, in words a
 * leader reads ("met by 2.5 points", "missed by 3 minutes"); and how many periods running it has
 * been missed (criteria 4.1.2 and 5.3.2 ask whether the council meets its standards). Pure.
 */

/** What is measured: the share of cases meeting the promise, or an average or a count with its unit. */
export type Measure = { readonly kind: "percentage" } | { readonly kind: "average" | "count"; readonly unit: string };

export type Direction = "higher" | "lower";

export interface Target {
  readonly value: number;
  /** Which way is better: a higher share answered in time, or a lower average wait. */
  readonly better: Direction;
}

export interface Verdict {
  readonly met: boolean;
  /** How far from the target, always positive (0 when exactly on it). */
  readonly by: number;
  /** "met by 2.5 points", "missed by 3 minutes", "met exactly". */
  readonly text: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

function amount(by: number, measure: Measure): string {
  const n = round(by);
  const shown = Number.isInteger(n) ? String(n) : n.toFixed(1);
  if (measure.kind === "percentage") return `${shown} ${n === 1 ? "point" : "points"}`;
  const unit = measure.unit.trim();
  if (!unit) return shown;
  // "3 minutes", "1 minute": the unit as written, made singular for exactly one.
  return `${shown} ${n === 1 ? unit.replace(/s$/, "") : unit}`;
}

/** `value` against `target`: meeting it exactly counts as met. */
export function verdict(value: number, target: Target, measure: Measure): Verdict {
  const gap = target.better === "higher" ? value - target.value : target.value - value;
  const met = gap >= 0;
  const by = Math.abs(gap);
  if (round(by) === 0) return { met, by, text: met ? "met exactly" : "missed by a fraction" };
  return { met, by, text: `${met ? "met" : "missed"} by ${amount(by, measure)}` };
}

/** How many of the latest periods in a row missed the target (figures oldest first; a period without a figure ends the run). */
export function missedRunning(values: readonly (number | undefined)[], target: Target, measure: Measure): number {
  let run = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v === undefined || verdict(v, target, measure).met) break;
    run++;
  }
  return run;
}
