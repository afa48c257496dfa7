/** Where a council rates itself higher or lower than its assessor did. Pure. */
import type { RatingOrUnrated } from "../standard/index.js";

/** Weakest to strongest; not applicable and not yet rated are not compared. */
const SCALE: readonly RatingOrUnrated[] = ["non-compliance", "partial", "compliance", "compliance-plus"];

export interface RatingDifference {
  readonly ref: string;
  readonly self: RatingOrUnrated;
  readonly assessor: RatingOrUnrated;
}

export interface Comparison {
  /** The council rates itself above the assessor's rating: claims to evidence well. */
  readonly higher: readonly RatingDifference[];
  /** Below it: ground to recover, or modesty. */
  readonly lower: readonly RatingDifference[];
  readonly same: number;
  /** Not yet rated by the council (or not on the scale), so not compared. */
  readonly notCompared: number;
}

export function compareWithAssessor(
  self: Readonly<Record<string, RatingOrUnrated>>,
  assessor: Readonly<Record<string, RatingOrUnrated>>,
): Comparison {
  const higher: RatingDifference[] = [];
  const lower: RatingDifference[] = [];
  let same = 0;
  let notCompared = 0;
  for (const [ref, theirs] of Object.entries(assessor)) {
    const ours = self[ref] ?? "unrated";
    const [a, b] = [SCALE.indexOf(ours), SCALE.indexOf(theirs)];
    if (a < 0 || b < 0) notCompared++;
    else if (a > b) higher.push({ ref, self: ours, assessor: theirs });
    else if (a < b) lower.push({ ref, self: ours, assessor: theirs });
    else same++;
  }
  return { higher, lower, same, notCompared };
}
