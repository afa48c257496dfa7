/** Shapes of the CSE standard as data. Pure: no SDK, no I/O. */

export interface Element {
  /** "1.1.1" … "5.3.3" */
  readonly ref: string;
  /** The element's statement, verbatim. */
  readonly statement: string;
}

export interface SubCriterion {
  /** "1.1" … "5.3" */
  readonly ref: string;
  readonly title: string;
  readonly elements: readonly Element[];
}

export interface Criterion {
  /** 1 … 5 */
  readonly number: number;
  readonly title: string;
  readonly subCriteria: readonly SubCriterion[];
}

/** An element with its place in the standard, as most callers need it. */
export interface ElementInContext extends Element {
  /** 0-based position in the standard's order (1.1.1 is 0, 5.3.3 is 56). */
  readonly index: number;
  readonly criterion: Pick<Criterion, "number" | "title">;
  readonly subCriterion: Pick<SubCriterion, "ref" | "title">;
}
