/** Where a person stands in the walk-through: counts, what is left, where to go next. */
import { describe, expect, it } from "vitest";
import { emptyAssessment, type ElementAssessment } from "../../src/domain/assessment.js";
import { neighbour, nextUnrated, summarise } from "../../src/domain/progress.js";
import { ELEMENTS, RATINGS, type RatingOrUnrated } from "../../src/standard/index.js";

const ALL_REFS = ELEMENTS.map((e) => e.ref);
const FIRST = ALL_REFS[0]!;
const LAST = ALL_REFS.at(-1)!;

function assessment(ref: string, rating: RatingOrUnrated, links = 0): ElementAssessment {
  const evidence = Array.from({ length: links }, (_, i) => ({
    id: `l${i}`,
    title: `Doc ${i}`,
    url: `https://council.gov.uk/${ref}/${i}`,
    addedBy: "u",
    addedAt: "2025-01-01T00:00:00.000Z",
  }));
  return { ...emptyAssessment("cse-2025", "council", ref), rating, evidence };
}

function byRef(...items: ElementAssessment[]): Map<string, ElementAssessment> {
  return new Map(items.map((a) => [a.ref, a]));
}

/** Everything rated "compliance" except `unrated`. */
function allRatedExcept(...unrated: string[]): Map<string, ElementAssessment> {
  return byRef(...ALL_REFS.filter((r) => !unrated.includes(r)).map((r) => assessment(r, "compliance")));
}

describe("summarising progress", () => {
  it("counts every element as unrated and remaining when nothing is stored", () => {
    const summary = summarise(new Map());
    expect(summary.total).toBe(ELEMENTS.length);
    expect(summary.rated).toBe(0);
    expect(summary.withEvidence).toBe(0);
    expect(summary.byRating.unrated).toBe(ELEMENTS.length);
    for (const r of RATINGS) expect(summary.byRating[r.id]).toBe(0);
    expect(summary.remaining).toEqual(ALL_REFS);
  });

  it("counts by rating including unrated, rated, with evidence, and lists what remains in order", () => {
    const items = [
      assessment("5.3.3", "compliance-plus", 2),
      assessment("1.1.1", "compliance", 1),
      assessment("1.1.2", "compliance"),
      assessment("2.1.1", "partial"),
      assessment("3.1.1", "non-compliance"),
      assessment("4.1.1", "not-applicable"),
      assessment("1.2.1", "unrated", 3),
    ];
    const summary = summarise(byRef(...items));
    const ratedRefs = items.filter((a) => a.rating !== "unrated").map((a) => a.ref);
    expect(summary.total).toBe(57);
    expect(summary.rated).toBe(ratedRefs.length);
    expect(summary.withEvidence).toBe(3);
    expect(summary.byRating).toEqual({
      "compliance-plus": 1,
      compliance: 2,
      partial: 1,
      "non-compliance": 1,
      "not-applicable": 1,
      unrated: 57 - ratedRefs.length,
    });
    expect(summary.remaining).toEqual(ALL_REFS.filter((r) => !ratedRefs.includes(r)));
    expect(summary.remaining).toContain("1.2.1");
  });

  it("ignores stored assessments for refs outside the standard", () => {
    const summary = summarise(byRef(assessment("9.9.9", "compliance", 1)));
    expect(summary.rated).toBe(0);
    expect(summary.withEvidence).toBe(0);
    expect(summary.total).toBe(ELEMENTS.length);
  });
});

describe("choosing the next unrated element", () => {
  it("starts at the first element when nothing is rated and no place is given", () => {
    expect(nextUnrated(new Map())).toBe(FIRST);
  });

  it("moves past the element the person is on, even when that one is still unrated", () => {
    expect(nextUnrated(new Map(), "1.1.1")).toBe("1.1.2");
    expect(nextUnrated(allRatedExcept("2.2.1", "2.2.3"), "2.2.1")).toBe("2.2.3");
  });

  it("skips rated elements", () => {
    expect(nextUnrated(byRef(assessment("1.1.2", "partial"), assessment("1.1.3", "not-applicable")), "1.1.1")).toBe("1.2.1");
  });

  it("wraps round from the end of the standard to the beginning", () => {
    expect(nextUnrated(allRatedExcept(FIRST, "1.3.2"), "3.1.1")).toBe(FIRST);
    expect(nextUnrated(allRatedExcept("1.3.2"), LAST)).toBe("1.3.2");
  });

  it("returns nothing when everything is rated, or only the current element is unrated", () => {
    expect(nextUnrated(allRatedExcept())).toBeUndefined();
    expect(nextUnrated(allRatedExcept(), "3.3.1")).toBeUndefined();
    expect(nextUnrated(allRatedExcept("3.3.1"), "3.3.1")).toBeUndefined();
  });
});

describe("stepping to a neighbour", () => {
  it("steps forwards and backwards across sub-criterion and criterion boundaries", () => {
    expect(neighbour("1.1.3", 1)).toBe("1.2.1");
    expect(neighbour("1.2.1", -1)).toBe("1.1.3");
    expect(neighbour("2.1.1", -1)).toBe("1.3.5");
  });

  it("stays on the first element going back and on the last going forward", () => {
    expect(FIRST).toBe("1.1.1");
    expect(LAST).toBe("5.3.3");
    expect(neighbour("1.1.1", -1)).toBe("1.1.1");
    expect(neighbour("5.3.3", 1)).toBe("5.3.3");
  });
});
