/**
 * The ways assessor reports write a rating: Compliance Plus / Compliant Plus / CP / C+, Compliance
 * / Compliant / Full Compliance / Fully Compliant / FC / C, Partial Compliance / Partially
 * Compliant / PC / Partial, Non-Compliance / Not Compliant / NC, Not Applicable / N/A / NA. Pure.
 */
import type { RatingId } from "../standard/index.js";

const LABELS: Readonly<Record<string, RatingId>> = {
  "compliance plus": "compliance-plus",
  "compliant plus": "compliance-plus",
  "compliance+": "compliance-plus",
  "compliance +": "compliance-plus",
  "compliant+": "compliance-plus",
  "c+": "compliance-plus",
  "c +": "compliance-plus",
  "c plus": "compliance-plus",
  cp: "compliance-plus",
  compliance: "compliance",
  compliant: "compliance",
  "full compliance": "compliance",
  "fully compliant": "compliance",
  "full compliant": "compliance",
  fc: "compliance",
  c: "compliance",
  "partial compliance": "partial",
  "partial compliant": "partial",
  "partially compliant": "partial",
  "partially compliance": "partial",
  "partial compliances": "partial",
  partial: "partial",
  pc: "partial",
  "non compliance": "non-compliance",
  "non compliant": "non-compliance",
  "not compliance": "non-compliance",
  "not compliant": "non-compliance",
  noncompliance: "non-compliance",
  noncompliant: "non-compliance",
  nc: "non-compliance",
  "n/a": "not-applicable",
  na: "not-applicable",
  "not applicable": "not-applicable",
};

/** A rating from the way reports write it ("● Compliance Plus", "**Partial Compliant**", "| NC |", "N/A"); undefined if it is not one. */
export function ratingFromLabel(label: string): RatingId | undefined {
  if (typeof label !== "string" || label.length > 60) return undefined;
  const words = label
    .replace(/[●•▪◦·*|]/g, " ")
    .replace(/[–—]/g, "-")
    .trim()
    // A bullet glyph a PDF could not map ("?", U+FFFD, a Wingdings private-use character) before the rating.
    .replace(/^(?:[?\uFFFD\uE000-\uF8FF■□✓✔✗✘]\s*)+/u, "")
    .replace(/^[-:=>]+/, "")
    .replace(/[.:;,]+$/, "")
    .toLowerCase()
    .replace(/(?<=[a-z])-(?=[a-z])/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
  return Object.hasOwn(LABELS, words) ? LABELS[words] : undefined;
}
