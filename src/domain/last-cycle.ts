/**
 * Last cycle's assessment of an element as this cycle's card shows it for context: its rating, how
 * many evidence links it had and the start of its narrative. Small enough that the copies of a
 * campaign can carry it for every element of a unit (store/copy-last-cycle.ts).
 */
import type { RatingOrUnrated } from "../standard/index.js";
import type { ElementAssessment } from "./assessment.js";
import { withoutControlCharacters } from "./typed-text.js";

/** How much of last cycle's narrative a card shows. */
export const NARRATIVE_START_CHARS = 200;

export interface LastCycleElement {
  readonly rating: RatingOrUnrated;
  /** How many evidence links it had. */
  readonly links: number;
  /** The narrative's start, on one line: one character more than a card shows, so it knows to cut. */
  readonly narrative: string;
}

export function lastCycleElement(assessment: Pick<ElementAssessment, "rating" | "evidence" | "narrative">): LastCycleElement {
  const line = withoutControlCharacters(assessment.narrative).replace(/\s+/g, " ");
  return {
    rating: assessment.rating,
    links: assessment.evidence.length,
    narrative: Array.from(line)
      .slice(0, NARRATIVE_START_CHARS + 1)
      .join(""),
  };
}
