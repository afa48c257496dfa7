import { describe, expect, it } from "vitest";
import { applyEdit, emptyAssessment, narrativeHash, type ElementAssessment } from "../../src/domain/assessment.js";
import { LIMITS } from "../../src/domain/limits.js";
import { review } from "../../src/domain/review.js";
import { isLocked, statusOf } from "../../src/domain/workflow.js";

const AT = new Date("2026-11-20T10:00:00Z");
const OLU = { userId: "olu", displayName: "Olu Officer" };
const RITA = { userId: "rita", displayName: "Rita Reviewer" };
const rated: ElementAssessment = { ...emptyAssessment("c", "council", "1.1.1"), rating: "compliance", status: "in-progress" };

function step(a: ElementAssessment, s: Parameters<typeof review>[1], who = OLU, comment?: string): ElementAssessment {
  const r = review(a, s, who, AT, comment);
  if (!r.ok) throw new Error(r.refusal.message);
  return r.value.next;
}

describe("the review workflow", () => {
  it("starts at to do and moves to in progress on the first edit", () => {
    const blank = emptyAssessment("c", "council", "1.1.1");
    expect(statusOf(blank)).toBe("to-do");
    const edited = applyEdit(
      blank,
      { base: { rating: "unrated", narrativeHash: narrativeHash("") }, draft: { rating: "partial" } },
      "olu",
      AT,
    );
    expect(edited.ok && edited.value.next.status).toBe("in-progress");
  });

  it("goes submitted, returned with a comment, submitted again, approved, recording each step", () => {
    const submitted = step(rated, "submit");
    expect(submitted).toMatchObject({ status: "submitted", submittedBy: "olu", submittedByName: "Olu Officer" });
    const returned = review(submitted, "return", RITA, AT, "  Please link the 2026 survey  ");
    expect(returned).toMatchObject({
      ok: true,
      value: {
        next: { status: "returned", reviewComment: "Please link the 2026 survey" },
        change: { field: "status", from: "submitted", to: "returned: Please link the 2026 survey" },
      },
    });
    const again = step(returned.ok ? returned.value.next : rated, "submit");
    expect(again.reviewComment).toBe("");
    expect(step(again, "approve", RITA)).toMatchObject({ status: "approved" });
  });

  it("locks content while submitted or approved, in the domain itself", () => {
    const submitted = step(rated, "submit");
    expect(isLocked(submitted)).toBe(true);
    const edit = applyEdit(
      submitted,
      { base: { rating: "compliance", narrativeHash: narrativeHash("") }, draft: { rating: "partial" } },
      "olu",
      AT,
    );
    expect(edit).toMatchObject({ ok: false, refusal: { code: "not-allowed", message: expect.stringContaining("with a reviewer") } });
    expect(isLocked(step(submitted, "approve", RITA))).toBe(true);
    expect(isLocked({ ...rated, status: "returned" })).toBe(false);
  });

  const refusals: [string, ElementAssessment, Parameters<typeof review>[1], string | undefined, RegExp][] = [
    ["submitting an unrated element", { ...rated, rating: "unrated" }, "submit", undefined, /choose a rating before submitting/],
    ["submitting twice", { ...rated, status: "submitted" }, "submit", undefined, /already with a reviewer/],
    ["approving what was not submitted", rated, "approve", undefined, /Only an element submitted for review/],
    ["returning without a comment", { ...rated, status: "submitted" }, "return", "   ", /say what needs changing/],
    [
      "returning with an over-long comment",
      { ...rated, status: "submitted" },
      "return",
      "x".repeat(LIMITS.commentChars + 1),
      /comment is too long/,
    ],
  ];
  for (const [what, from, s, comment, message] of refusals) {
    it(`refuses ${what}`, () => {
      const r = review(from, s, RITA, AT, comment);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal.message).toMatch(message);
    });
  }
});
