/**
 * The CSE rating scale. Ids are stable storage values; labels are what people read.
 * "unrated" is the state of an element nobody has rated yet, not a rating anyone chooses.
 */
export const RATINGS = [
  {
    id: "compliance-plus",
    label: "Compliance Plus",
    short: "CP",
    meaning: "Goes beyond the standard: exemplary or innovative practice others could learn from",
  },
  { id: "compliance", label: "Compliance", short: "C", meaning: "Fully meets the element, with evidence to show it" },
  { id: "partial", label: "Partial Compliance", short: "PC", meaning: "Meets part of the element; some evidence or practice is missing" },
  { id: "non-compliance", label: "Non-Compliance", short: "NC", meaning: "Does not meet the element yet" },
  { id: "not-applicable", label: "Not applicable", short: "N/A", meaning: "The element does not apply to this unit's services" },
] as const;

export type RatingId = (typeof RATINGS)[number]["id"];
export type RatingOrUnrated = RatingId | "unrated";

export const UNRATED_LABEL = "Not yet rated";

const RATING_IDS: ReadonlySet<string> = new Set(RATINGS.map((r) => r.id));

export function isRatingId(value: unknown): value is RatingId {
  return typeof value === "string" && RATING_IDS.has(value);
}

export function ratingLabel(rating: RatingOrUnrated): string {
  return RATINGS.find((r) => r.id === rating)?.label ?? UNRATED_LABEL;
}
