/** Applying a person's edit to an element's assessment: validation, three-way merge, evidence links. */
import { describe, expect, it } from "vitest";
import {
  applyEdit,
  emptyAssessment,
  linkId,
  narrativeHash,
  normaliseNarrative,
  type EditOutcome,
  type ElementAssessment,
  type ElementEdit,
} from "../../src/domain/assessment.js";
import { LIMITS } from "../../src/domain/limits.js";
import type { RefusalCode, Result } from "../../src/domain/refusal.js";

const AT = new Date("2025-03-14T09:30:00.000Z");
const WHO = "user-sam";
const blank = emptyAssessment("cse-2025", "council", "1.1.1");

/** The edit a person makes from a card that showed `shown`. */
function edit(shown: ElementAssessment, rest: Omit<ElementEdit, "base">): ElementEdit {
  return { base: { rating: shown.rating, narrativeHash: narrativeHash(shown.narrative) }, ...rest };
}

function applied(result: Result<EditOutcome>): EditOutcome {
  if (!result.ok) throw new Error(`expected the edit to apply, got ${result.refusal.code}`);
  return result.value;
}

function expectRefused(result: Result<EditOutcome>, code: RefusalCode): void {
  expect(result.ok).toBe(false);
  expect("value" in result).toBe(false);
  if (!result.ok) {
    expect(result.refusal.code).toBe(code);
    expect(result.refusal.message.trim()).not.toBe("");
  }
}

/** Someone else's earlier edit, already stored. */
const stored = (from: ElementAssessment, draft: ElementEdit["draft"]) =>
  applied(applyEdit(from, edit(from, { draft }), "user-other", AT)).next;

/** A first edit also records that work on the element has started. */
const STARTED = { field: "status", from: "to-do", to: "in-progress" };

describe("rating and narrative", () => {
  it("sets a rating and records who changed it, when, and from what to what", () => {
    const { next, changes } = applied(applyEdit(blank, edit(blank, { draft: { rating: "compliance" } }), WHO, AT));
    expect(next.rating).toBe("compliance");
    expect(next.updatedBy).toBe(WHO);
    expect(next.updatedAt).toBe(AT.toISOString());
    expect(changes).toEqual([{ field: "rating", from: "unrated", to: "compliance" }, STARTED]);
  });

  it("refuses a rating that is not on the scale and changes nothing", () => {
    const before = structuredClone(blank);
    for (const rating of ["excellent", "unrated", "Compliance"]) {
      expectRefused(applyEdit(blank, edit(blank, { draft: { rating } }), WHO, AT), "invalid-rating");
    }
    expect(blank).toEqual(before);
  });

  it("normalises line endings and trailing spaces in the narrative", () => {
    const { next, changes } = applied(
      applyEdit(blank, edit(blank, { draft: { narrative: "Line one  \r\nLine two\t\rLine three \r\n" } }), WHO, AT),
    );
    expect(next.narrative).toBe("Line one\nLine two\nLine three");
    expect(changes).toEqual([{ field: "narrative", from: "", to: "Line one\nLine two\nLine three" }, STARTED]);
  });

  it("treats an edit that only re-sends the same values as no change, returning the same object", () => {
    const current = stored(blank, { rating: "partial", narrative: "We survey\nevery year" });
    const result = applied(
      applyEdit(current, edit(current, { draft: { rating: "partial", narrative: "We survey  \r\nevery year\r\n" } }), WHO, AT),
    );
    expect(result.changes).toHaveLength(0);
    expect(result.next).toBe(current);
    expect(result.next.updatedBy).toBe("user-other");
  });

  it("accepts a narrative at the limit and refuses one character more", () => {
    const atLimit = "x".repeat(LIMITS.narrativeChars);
    expect(applied(applyEdit(blank, edit(blank, { draft: { narrative: `${atLimit}   ` } }), WHO, AT)).next.narrative).toBe(atLimit);
    expectRefused(applyEdit(blank, edit(blank, { draft: { narrative: `${atLimit}x` } }), WHO, AT), "text-too-long");
  });

  it("records both rating and narrative changes with their old values", () => {
    const current = stored(blank, { rating: "partial", narrative: "Old" });
    const { changes } = applied(applyEdit(current, edit(current, { draft: { rating: "compliance", narrative: "New" } }), WHO, AT));
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: "rating", from: "partial", to: "compliance" },
        { field: "narrative", from: "Old", to: "New" },
      ]),
    );
    expect(changes).toHaveLength(2);
  });
});

describe("merging with someone else's concurrent change", () => {
  it("keeps both when the person changed the rating and someone else the narrative", () => {
    const current = stored(blank, { narrative: "Their narrative" });
    const { next } = applied(applyEdit(current, edit(blank, { draft: { rating: "compliance", narrative: "" } }), WHO, AT));
    expect(next.rating).toBe("compliance");
    expect(next.narrative).toBe("Their narrative");
  });

  it("keeps both when the person changed the narrative and someone else the rating", () => {
    const current = stored(blank, { rating: "non-compliance" });
    const { next } = applied(applyEdit(current, edit(blank, { draft: { rating: "", narrative: "My narrative" } }), WHO, AT));
    expect(next.rating).toBe("non-compliance");
    expect(next.narrative).toBe("My narrative");
  });

  it("refuses as a conflict when both changed the rating to different values", () => {
    const current = stored(blank, { rating: "partial" });
    const result = applyEdit(current, edit(blank, { draft: { rating: "compliance" } }), WHO, AT);
    expectRefused(result, "conflict");
    if (!result.ok) expect(result.refusal.message).toContain("Partial Compliance");
  });

  it("has no conflict when both changed the rating to the same value", () => {
    const current = stored(blank, { rating: "compliance" });
    const { next } = applied(applyEdit(current, edit(blank, { draft: { rating: "compliance" } }), WHO, AT));
    expect(next.rating).toBe("compliance");
  });

  it("refuses as a conflict when both changed the narrative differently", () => {
    const current = stored(blank, { narrative: "Theirs" });
    expectRefused(applyEdit(current, edit(blank, { draft: { narrative: "Mine" } }), WHO, AT), "conflict");
  });

  it("has no conflict when both wrote the same narrative, whatever the line endings", () => {
    const current = stored(blank, { narrative: "Same\nwords" });
    const { next } = applied(applyEdit(current, edit(blank, { draft: { narrative: "Same  \r\nwords" } }), WHO, AT));
    expect(next.narrative).toBe("Same\nwords");
  });

  it("stores nothing from an edit that conflicts on one field but not the other", () => {
    const current = stored(blank, { rating: "partial" });
    expectRefused(applyEdit(current, edit(blank, { draft: { rating: "compliance", narrative: "Mine" } }), WHO, AT), "conflict");
  });
});

describe("evidence links", () => {
  const report = { title: "Annual report", url: "https://council.gov.uk/report" };

  it("adds a validated link, recording who added it and when", () => {
    const { next, changes } = applied(applyEdit(blank, edit(blank, { draft: {}, addLink: report }), WHO, AT));
    expect(next.evidence).toEqual([
      { id: linkId(report.url), title: report.title, url: report.url, addedBy: WHO, addedAt: AT.toISOString() },
    ]);
    expect(changes).toEqual([{ field: "evidence", from: "", to: `${report.title} <${report.url}>` }, STARTED]);
    expect(next.updatedBy).toBe(WHO);
  });

  it("refuses the same link again, whatever the host's case or a trailing slash", () => {
    const current = applied(applyEdit(blank, edit(blank, { draft: {}, addLink: report }), WHO, AT)).next;
    for (const url of ["https://COUNCIL.gov.uk/report", "https://council.gov.uk/report/"]) {
      expectRefused(applyEdit(current, edit(current, { draft: {}, addLink: { title: "Again", url } }), WHO, AT), "duplicate-link");
    }
  });

  it("refuses an unsafe link with the validator's reason", () => {
    expectRefused(applyEdit(blank, edit(blank, { draft: {}, addLink: { title: "x", url: "javascript:alert(1)" } }), WHO, AT), "unsafe-url");
  });

  it("accepts links up to the per-element limit and refuses one more", () => {
    let current = blank;
    for (let i = 1; i <= LIMITS.linksPerElement; i++) {
      current = applied(
        applyEdit(current, edit(current, { draft: {}, addLink: { title: `Doc ${i}`, url: `https://council.gov.uk/doc/${i}` } }), WHO, AT),
      ).next;
    }
    expect(current.evidence).toHaveLength(LIMITS.linksPerElement);
    const extra = { title: "One more", url: "https://council.gov.uk/doc/extra" };
    expectRefused(applyEdit(current, edit(current, { draft: {}, addLink: extra }), WHO, AT), "too-many-links");
  });

  it("removes a link by id and refuses to remove one that is not there", () => {
    const current = applied(applyEdit(blank, edit(blank, { draft: {}, addLink: report }), WHO, AT)).next;
    const id = current.evidence[0]!.id;
    const { next, changes } = applied(applyEdit(current, edit(current, { draft: {}, removeLinkId: id }), WHO, AT));
    expect(next.evidence).toEqual([]);
    expect(changes).toEqual([{ field: "evidence", from: `${report.title} <${report.url}>`, to: "" }]);
    expectRefused(applyEdit(next, edit(next, { draft: {}, removeLinkId: id }), WHO, AT), "link-not-found");
  });
});

describe("normaliseNarrative", () => {
  it("drops control characters and broken surrogate pairs but keeps new lines, tabs and real text", () => {
    expect(normaliseNarrative("Line one\u0000\u0007\r\nLine\ttwo \ud800end \u{1F600}")).toBe("Line one\nLine\ttwo end \u{1F600}");
  });
});
