/**
 * The CSE standard as data, checked against the published wording.
 * test/fixtures/cse-elements.txt holds the 57 element lines ("ref statement") extracted verbatim
 * from the 2017 Charnwood Borough Council CSE assessor report (/work/shared/seeds/002_b42fe5d57c83ce18.txt)
 * with: grep -P '^\d\.\d\.\d ' … | awk -F'\t' '{print $1}'
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CRITERIA,
  ELEMENT_REF_PATTERN,
  ELEMENTS,
  GUIDANCE,
  RATINGS,
  UNRATED_LABEL,
  elementAt,
  findElement,
  guidanceFor,
  isRatingId,
  ratingLabel,
} from "../../src/standard/index.js";

const fixtureLines = readFileSync(new URL("../fixtures/cse-elements.txt", import.meta.url), "utf8")
  .split(/\r?\n/)
  .filter((line) => line !== "");

/** Sub-criterion headings as they appear in the same published report. */
const PUBLISHED_SUB_CRITERIA: ReadonlyArray<readonly [string, string]> = [
  ["1.1", "Customer Identification"],
  ["1.2", "Engagement and Consultation"],
  ["1.3", "Customer Satisfaction"],
  ["2.1", "Leadership, Policy & Culture"],
  ["2.2", "Staff Professionalism and Attitude"],
  ["3.1", "Range of Information"],
  ["3.2", "Quality of Information"],
  ["3.3", "Access"],
  ["3.4", "Co-operative working with other providers, partners and communities"],
  ["4.1", "Delivery Standards"],
  ["4.2", "Achieved Delivery and Outcomes"],
  ["4.3", "Deal effectively with problems"],
  ["5.1", "Standards for Timeliness and Quality"],
  ["5.2", "Timely Outcomes"],
  ["5.3", "Achieved Timely Delivery"],
];

const refParts = (ref: string) => ref.split(".").map(Number);
const compareRefs = (a: string, b: string) => {
  const [x, y] = [refParts(a), refParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};

describe("the standard's structure", () => {
  it("has the fixture's 57 element lines to compare against", () => {
    expect(fixtureLines).toHaveLength(57);
  });

  it("has five criteria numbered 1 to 5", () => {
    expect(CRITERIA.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    for (const c of CRITERIA) expect(c.title.trim()).not.toBe("");
  });

  it("has the fifteen published sub-criteria with their titles, each under its criterion", () => {
    const subs = CRITERIA.flatMap((c) => c.subCriteria.map((s) => ({ criterion: c.number, ref: s.ref, title: s.title })));
    expect(subs.map((s) => [s.ref, s.title])).toEqual(PUBLISHED_SUB_CRITERIA);
    for (const s of subs) expect(s.ref.startsWith(`${s.criterion}.`)).toBe(true);
  });

  it("has 57 elements, the same number in the nested criteria and the flat list", () => {
    const nested = CRITERIA.flatMap((c) => c.subCriteria.flatMap((s) => s.elements));
    expect(nested).toHaveLength(57);
    expect(ELEMENTS).toHaveLength(57);
    expect(ELEMENTS.map((e) => e.ref)).toEqual(nested.map((e) => e.ref));
  });

  it("states every element exactly as the published standard does, ref and text", () => {
    expect(ELEMENTS.map((e) => `${e.ref} ${e.statement}`)).toEqual(fixtureLines);
  });

  it("uses unique, well-formed refs in the standard's order, each inside its sub-criterion", () => {
    const refs = ELEMENTS.map((e) => e.ref);
    expect(new Set(refs).size).toBe(refs.length);
    expect([...refs].sort(compareRefs)).toEqual(refs);
    for (const e of ELEMENTS) {
      expect(e.ref).toMatch(ELEMENT_REF_PATTERN);
      expect(e.ref.startsWith(`${e.subCriterion.ref}.`)).toBe(true);
      expect(e.subCriterion.ref.startsWith(`${e.criterion.number}.`)).toBe(true);
    }
  });

  it("gives every element its own position as index, and elementAt agrees", () => {
    ELEMENTS.forEach((e, i) => {
      expect(e.index).toBe(i);
      expect(elementAt(i)).toBe(e);
    });
    expect(elementAt(ELEMENTS.length)).toBeUndefined();
  });
});

describe("finding an element by ref", () => {
  it("finds every element by its own ref, ignoring surrounding spaces", () => {
    for (const e of ELEMENTS) {
      expect(findElement(e.ref)).toBe(e);
      expect(findElement(`  ${e.ref}\t`)).toBe(e);
    }
  });

  it("returns nothing for refs outside the standard, sub-criterion refs and empty input", () => {
    for (const ref of ["6.1.1", "1.1", "", "   ", "1.1.9", "1.1.1.1"]) expect(findElement(ref)).toBeUndefined();
  });
});

describe("show me / tell me guidance", () => {
  it("covers exactly the 57 elements", () => {
    expect(Object.keys(GUIDANCE).sort(compareRefs)).toEqual(ELEMENTS.map((e) => e.ref));
  });

  it("gives 2-4 show-me and 2-3 tell-me prompts per element, none repeating the statement", () => {
    for (const e of ELEMENTS) {
      const g = guidanceFor(e.ref);
      expect(g.showMe.length, e.ref).toBeGreaterThanOrEqual(2);
      expect(g.showMe.length, e.ref).toBeLessThanOrEqual(4);
      expect(g.tellMe.length, e.ref).toBeGreaterThanOrEqual(2);
      expect(g.tellMe.length, e.ref).toBeLessThanOrEqual(3);
      const items = [...g.showMe, ...g.tellMe];
      expect(new Set(items).size, e.ref).toBe(items.length);
      for (const item of items) {
        expect(item.trim(), e.ref).not.toBe("");
        expect(item.trim().toLowerCase(), e.ref).not.toBe(e.statement.toLowerCase());
      }
    }
  });

  it("refuses to invent guidance for an unknown element", () => {
    expect(() => guidanceFor("6.1.1")).toThrow(/6\.1\.1/);
  });
});

describe("the rating scale", () => {
  it("has exactly the five CSE ratings in order, with their published labels", () => {
    expect(RATINGS.map((r) => r.label)).toEqual([
      "Compliance Plus",
      "Compliance",
      "Partial Compliance",
      "Non-Compliance",
      "Not applicable",
    ]);
    expect(new Set(RATINGS.map((r) => r.id)).size).toBe(5);
  });

  it("labels each rating id with its own label, and unrated as not yet rated", () => {
    for (const r of RATINGS) expect(ratingLabel(r.id)).toBe(r.label);
    expect(ratingLabel("unrated")).toBe("Not yet rated");
    expect(UNRATED_LABEL).toBe("Not yet rated");
  });

  it("accepts only rating ids, not unrated, labels, empty text or non-strings", () => {
    for (const r of RATINGS) expect(isRatingId(r.id)).toBe(true);
    for (const value of ["unrated", "Compliance", "", " compliance", 1, null, undefined, {}, ["compliance"]]) {
      expect(isRatingId(value)).toBe(false);
    }
  });
});
