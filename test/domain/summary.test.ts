/** The compliance summary for known data, including the seed assessor reports' published results. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ImprovementAction } from "../../src/domain/actions.js";
import { emptyAssessment, type ElementAssessment } from "../../src/domain/assessment.js";
import { changeSince, councilRating, summarise, type Snapshot } from "../../src/domain/summary.js";
import { ELEMENTS, type RatingOrUnrated } from "../../src/standard/index.js";

const report = (file: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), "utf8")).ratings as Record<string, RatingOrUnrated>;
const COUNCIL = [{ id: "council", name: "Whole council" }];

function assessments(ratings: Record<string, RatingOrUnrated>, unitId = "council"): ElementAssessment[] {
  return Object.entries(ratings).map(([ref, rating]) => ({ ...emptyAssessment("c1", unitId, ref), rating }));
}

const at = "2026-11-23T09:00:00Z";
const base = { units: COUNCIL, actions: [], today: "2026-11-23", at };

describe("the seed assessor reports", () => {
  it("Oadby and Wigston 2023: 8 Compliance Plus, 47 Compliance, 2 Partial; on track, 9 above the threshold", () => {
    const s = summarise({ ...base, assessments: assessments(report("oadby-wigston-2023.json")) });
    expect(s.counts).toEqual({ "compliance-plus": 8, compliance: 47, partial: 2, "non-compliance": 0, "not-applicable": 0, unrated: 0 });
    expect(s.outlook).toMatchObject({ verdict: "on-track", compliant: 55, threshold: 46, margin: 9, unrated: 0 });
    expect(s.outlook.atRisk).toEqual([
      { ref: "4.1.2", rating: "partial" },
      { ref: "5.3.2", rating: "partial" },
    ]);
    const delivery = s.criteria.find((c) => c.number === 4)!;
    expect(delivery).toMatchObject({ title: "Delivery", total: 13 });
    expect(delivery.counts).toMatchObject({ "compliance-plus": 1, compliance: 11, partial: 1 });
    expect(s.criteria.find((c) => c.number === 1)!.counts).toMatchObject({ "compliance-plus": 3, compliance: 8 });
    expect(s.progress).toMatchObject({ rated: 57, total: 57 });
  });

  it("Charnwood 2017: 11 Compliance Plus, 44 Compliance, 2 Partial, 0 Non-Compliance", () => {
    const s = summarise({ ...base, assessments: assessments(report("charnwood-2017.json")) });
    expect(s.counts).toMatchObject({ "compliance-plus": 11, compliance: 44, partial: 2, "non-compliance": 0 });
    expect(s.outlook).toMatchObject({ verdict: "on-track", margin: 9 });
    expect(s.criteria.reduce((n, c) => n + c.total, 0)).toBe(57);
  });
});

describe("the certification outlook", () => {
  const ratings = (compliant: number, partial: number, nc: number): Record<string, RatingOrUnrated> =>
    Object.fromEntries(
      ELEMENTS.map((e, i) => [
        e.ref,
        i < compliant ? "compliance" : i < compliant + partial ? "partial" : i < compliant + partial + nc ? "non-compliance" : "unrated",
      ]),
    );

  it("is at risk with any Non-Compliance, however many are compliant", () => {
    expect(summarise({ ...base, assessments: assessments(ratings(56, 0, 1)) }).outlook).toMatchObject({ verdict: "at-risk", margin: 10 });
  });
  it("is on track at exactly the threshold", () => {
    expect(summarise({ ...base, assessments: assessments(ratings(46, 11, 0)) }).outlook).toMatchObject({ verdict: "on-track", margin: 0 });
  });
  it("is not there yet while enough elements are still to rate, and at risk when they cannot make it", () => {
    expect(summarise({ ...base, assessments: assessments(ratings(30, 5, 0)) }).outlook).toMatchObject({
      verdict: "not-yet",
      margin: -16,
      unrated: 22,
    });
    expect(summarise({ ...base, assessments: assessments(ratings(40, 15, 0)) }).outlook).toMatchObject({ verdict: "at-risk", margin: -6 });
  });
  it("follows a council's own rule", () => {
    const s = summarise({ ...base, assessments: assessments(ratings(50, 7, 0)), rule: { minCompliant: 52, maxNonCompliance: 0 } });
    expect(s.outlook).toMatchObject({ verdict: "at-risk", threshold: 52, margin: -2 });
  });
});

describe("units, evidence, actions and change", () => {
  it("rates an element for the council as its weakest unit does", () => {
    expect(councilRating(["compliance-plus", "partial", "compliance"])).toBe("partial");
    expect(councilRating(["compliance-plus", "not-applicable"])).toBe("compliance-plus");
    expect(councilRating(["not-applicable", "not-applicable"])).toBe("not-applicable");
    expect(councilRating(["compliance", "unrated"])).toBe("unrated");
    expect(councilRating([])).toBe("unrated");
  });

  it("rolls up each unit and counts evidence, stale links and overdue actions", () => {
    const units = [
      { id: "housing", name: "Housing" },
      { id: "planning", name: "Planning" },
    ];
    const housing = assessments({ "1.1.1": "compliance", "1.1.2": "partial" }, "housing").map((a) =>
      a.ref === "1.1.1"
        ? {
            ...a,
            status: "approved" as const,
            evidence: [{ id: "l1", title: "Survey", url: "https://x.gov.uk/a", addedBy: "u", addedAt: "2025-06-01T10:00:00Z" }],
          }
        : a,
    );
    const planning = assessments({ "1.1.1": "compliance-plus" }, "planning").map((a) => ({
      ...a,
      evidence: [{ id: "l2", title: "Plan", url: "https://x.gov.uk/b", addedBy: "u", addedAt: "2026-10-01T10:00:00Z" }],
    }));
    const action = (id: string, dueOn: string, status: ImprovementAction["status"] = "open"): ImprovementAction => ({
      tenantId: "t",
      id,
      title: `Action ${id}`,
      description: "",
      refs: ["1.1.2"],
      owner: { userId: "u", name: "Megan Bowen" },
      dueOn,
      priority: "medium",
      status,
      createdBy: { userId: "u", name: "M" },
      createdAt: at,
      updatedAt: at,
    });
    const actions = [action("1", "2026-11-01"), action("2", "2026-10-01"), action("3", "2026-12-01"), action("4", "2026-09-01", "done")];
    const s = summarise({ ...base, units, assessments: [...housing, ...planning], actions });
    expect(s.counts).toMatchObject({ compliance: 1, partial: 1, unrated: 55 }); // 1.1.1: Housing's Compliance is the weaker
    expect(s.units.map((u) => [u.unit.name, u.counts.compliance + u.counts["compliance-plus"], u.counts.partial, u.approved])).toEqual([
      ["Housing", 1, 1, 1],
      ["Planning", 1, 0, 0],
    ]);
    expect(s.progress).toEqual({ rated: 3, submitted: 1, approved: 1, total: 114 });
    expect(s.evidence).toEqual({ withLinks: 1, total: 57, staleLinks: 1, staleElements: 1 });
    expect(s.actions.open).toBe(3);
    expect(s.actions.overdue).toBe(2);
    expect(s.actions.mostOverdue.map((a) => a.id)).toEqual(["2", "1"]);
  });

  it("says what changed since the last summary, from its stored snapshot", () => {
    const before: Snapshot = {
      at: "2026-11-16T09:00:00Z",
      ratings: { ...report("oadby-wigston-2023.json"), "4.1.2": "compliance", "1.1.1": "compliance-plus" },
    };
    const now = summarise({
      ...base,
      assessments: assessments({ ...report("oadby-wigston-2023.json"), "2.2.1": "compliance-plus" }),
      previous: before,
    });
    expect(now.change).toMatchObject({ since: "2026-11-16T09:00:00Z", newCompliancePlus: ["2.2.1"], newPartials: ["4.1.2"] });
    expect(now.change!.byCriterion.find((c) => c.number === 4)!.delta).toBe(-1);
    expect(now.change!.byCriterion.find((c) => c.number === 1)!.delta).toBe(0); // Compliance Plus to Compliance is still compliant
    expect(changeSince(now.snapshot, now.snapshot).byCriterion.every((c) => c.delta === 0)).toBe(true);
  });
});
