/** The standard as data, and the lookups every other layer uses. Pure: no SDK, no I/O. */
import { CRITERIA, STANDARD_VERSION } from "./elements.js";
import { GUIDANCE, type ElementGuidance } from "./guidance.js";
import type { ElementInContext } from "./types.js";

export { CRITERIA, STANDARD_VERSION, GUIDANCE };
export type { ElementGuidance };
export * from "./types.js";
export * from "./ratings.js";

export const ELEMENTS: readonly ElementInContext[] = CRITERIA.flatMap((criterion) =>
  criterion.subCriteria.flatMap((sub) =>
    sub.elements.map((element) => ({
      ...element,
      criterion: { number: criterion.number, title: criterion.title },
      subCriterion: { ref: sub.ref, title: sub.title },
    })),
  ),
).map((element, index) => ({ ...element, index }));

const BY_REF = new Map(ELEMENTS.map((e) => [e.ref, e]));

export const ELEMENT_REF_PATTERN = /^[1-5]\.[1-4]\.[1-6]$/;

export function findElement(ref: string): ElementInContext | undefined {
  return BY_REF.get(ref.trim());
}

export function elementAt(index: number): ElementInContext | undefined {
  return ELEMENTS[index];
}

export function guidanceFor(ref: string): ElementGuidance {
  const guidance = GUIDANCE[ref];
  if (!guidance) throw new Error(`No guidance for element ${ref}`);
  return guidance;
}
