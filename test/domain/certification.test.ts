import { describe, expect, it } from "vitest";
import { certificationCalendar, daysBetween, isWorkingDay, relativeDays } from "../../src/domain/calendar.js";
import {
  describeCalendar,
  proposeCalendar,
  validateCertificationDraft,
  visitsOf,
  type CertificationDraft,
} from "../../src/domain/certification.js";

const TODAY = "2026-11-22";
const calendar = (certifiedOn: string, overrides = {}, evidenceLeadWorkingDays = 10) => ({
  certifiedOn,
  evidenceLeadWorkingDays,
  overrides,
});
const draft = (
  fields: Partial<Omit<CertificationDraft, "overrides">> & { overrides?: CertificationDraft["overrides"] } = {},
): CertificationDraft => ({
  scopeId: "council",
  certifiedOn: "2026-03-14",
  leadDays: "10",
  overrides: {},
  ...fields,
});

describe("the visits of a certification calendar", () => {
  it("defaults to +12, +24 and +36 months, each on a working day, with evidence 10 working days before", () => {
    const visits = visitsOf(calendar("2026-03-14"));
    expect(visits.map((v) => [v.kind, v.label, v.date, v.evidenceDue, v.overridden])).toEqual([
      // 14 Mar 2027 is a Sunday: the review moves to Monday 15 Mar.
      ["annual-review-1", "Annual review, year 1", "2027-03-15", "2027-03-01", false],
      ["annual-review-2", "Annual review, year 2", "2028-03-14", "2028-02-29", false],
      ["reassessment", "Three-year reassessment", "2029-03-14", "2029-02-28", false],
    ]);
    for (const v of visits) expect(isWorkingDay(v.date), v.date).toBe(true);
    expect(visits.map((v) => v.date)).toEqual(certificationCalendar("2026-03-14").visits.map((v) => v.date));
  });

  it("uses a date set by hand, and counts its evidence deadline back from it across Christmas and New Year", () => {
    const visits = visitsOf(calendar("2026-01-05", { "annual-review-1": "2027-01-04" }));
    // Ten working days before Mon 4 Jan 2027 skip New Year's Day, Christmas, the Boxing Day substitute and two weekends.
    expect(visits[0]).toEqual({
      kind: "annual-review-1",
      label: "Annual review, year 1",
      date: "2027-01-04",
      evidenceDue: "2026-12-16",
      overridden: true,
    });
    expect(visits[1]).toMatchObject({ date: "2028-01-05", overridden: false });
  });

  it("applies the lead time to every visit, and treats a hand-set date equal to the default as not set by hand", () => {
    const visits = visitsOf(calendar("2026-03-14", { "annual-review-2": "2028-03-14" }, 0));
    expect(visits.map((v) => v.evidenceDue)).toEqual(["2027-03-15", "2028-03-14", "2029-03-14"]);
    expect(visits.map((v) => v.overridden)).toEqual([false, false, false]);
  });
});

describe("days to go", () => {
  it("counts calendar days across the clock change and says them as people do", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // over the spring clock change
    expect(daysBetween("2026-11-22", "2026-11-10")).toBe(-12);
    expect([0, 1, -1, 143, -12].map(relativeDays)).toEqual(["today", "tomorrow", "yesterday", "in 143 days", "12 days ago"]);
  });
});

describe("checking the dates form", () => {
  it("accepts a certification date, a lead time and hand-set dates in order, keeping only real overrides", () => {
    const result = validateCertificationDraft(
      draft({ leadDays: " 15 ", overrides: { "annual-review-1": "2027-03-22", "annual-review-2": "2028-03-14", reassessment: "" } }),
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      value: { certifiedOn: "2026-03-14", evidenceLeadWorkingDays: 15, overrides: { "annual-review-1": "2027-03-22" } },
    });
  });

  it("uses 10 working days when the lead time is left empty, and allows 0 and 60", () => {
    for (const [lead, days] of [
      ["", 10],
      ["0", 0],
      ["60", 60],
    ] as const) {
      const result = validateCertificationDraft(draft({ leadDays: lead }), TODAY);
      expect(result.ok && result.value.evidenceLeadWorkingDays, lead).toBe(days);
    }
  });

  it.each([
    ["no certification date", draft({ certifiedOn: "" }), "Please enter the date your council was certified"],
    ["an impossible date", draft({ certifiedOn: "2026-02-30" }), "The certification date is not a real date"],
    ["a date in another format", draft({ certifiedOn: "14/03/2026" }), "The certification date is not a real date"],
    ["a certification date in the future", draft({ certifiedOn: "2026-12-01" }), "The certification date (1 Dec 2026) is in the future"],
    ["a lead time over 60", draft({ leadDays: "61" }), "The evidence lead time must be a whole number of working days from 0 to 60"],
    ["a negative lead time", draft({ leadDays: "-1" }), "must be a whole number of working days"],
    ["a fractional lead time", draft({ leadDays: "2.5" }), "must be a whole number of working days"],
    ["a lead time in words", draft({ leadDays: "ten" }), "must be a whole number of working days"],
    [
      "a hand-set date that is not a date",
      draft({ overrides: { reassessment: "2029-13-01" } }),
      "The date for the three-year reassessment is not a real date",
    ],
    [
      "a review before certification",
      draft({ overrides: { "annual-review-1": "2026-03-01" } }),
      "The annual review, year 1 (1 Mar 2026) must come after the certification date (14 Mar 2026)",
    ],
    [
      "a review on the certification date",
      draft({ overrides: { "annual-review-1": "2026-03-14" } }),
      "must come after the certification date",
    ],
    [
      "reviews out of order",
      draft({ overrides: { "annual-review-1": "2028-04-01" } }),
      "The annual review, year 2 (14 Mar 2028) must come after the annual review, year 1 (1 Apr 2028)",
    ],
    [
      "a reassessment before year 2",
      draft({ overrides: { reassessment: "2028-01-10" } }),
      "The three-year reassessment (10 Jan 2028) must come after the annual review, year 2 (14 Mar 2028)",
    ],
  ])("refuses %s in plain words", (_name, input, message) => {
    const result = validateCertificationDraft(input, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.refusal.code).toBe("invalid-payload");
      expect(result.refusal.message).toContain(message);
    }
  });

  it("describes a calendar in one line for the audit trail", () => {
    expect(describeCalendar(calendar("2026-03-14", { reassessment: "2029-03-20" }))).toBe(
      "certified 2026-03-14; evidence 10 working days before; three-year reassessment on 2029-03-20",
    );
  });
});

describe("the calendar an assessor report implies", () => {
  it("Oadby and Wigston 2023: the visit was a reassessment, so it certified the council and the next three visits match the report's months", () => {
    const proposed = proposeCalendar({
      reportType: "Review 3 (C 3)",
      assessmentDate: "2023-12-13",
      nextReviews: [
        { label: "Annual Review Year 1", month: "2024-12" },
        { label: "Annual Review Year 2", month: "2025-12" },
        { label: "3-Year Review", month: "2026-12" },
      ],
    });
    expect(proposed?.certifiedOn).toBe("2023-12-13");
    expect(proposed?.visits.map((v) => v.date)).toEqual(["2024-12-13", "2025-12-15", "2026-12-14"]);
    expect(proposed?.differences).toEqual([]);
    expect(proposed?.basis).toContain("was a certification");
  });

  it("Charnwood 2017: annual review year 2, so certified two years before; the full review next September matches", () => {
    const proposed = proposeCalendar({
      reportType: "Annual Review Year 2",
      assessmentDate: "2017-09-21",
      nextReviews: [
        { label: "Full Review", month: "2018-09" },
        { label: "Annual Review Year 1", month: "2019-09" },
      ],
    });
    expect(proposed?.certifiedOn).toBe("2015-09-21");
    expect(proposed?.visits.map((v) => v.kind)).toEqual(["annual-review-1", "annual-review-2", "reassessment"]);
    expect(proposed?.visits[2]?.date).toBe("2018-09-21");
    expect(proposed?.differences).toEqual([]);
    expect(proposed?.basis).toContain("annual review, year 2");
  });

  it("names a visit the report expects in another month", () => {
    const proposed = proposeCalendar({ assessmentDate: "2023-12-13", nextReviews: [{ label: "Annual Review Year 1", month: "2025-02" }] });
    expect(proposed?.differences).toEqual([
      "The report expects the annual review, year 1 in February 2025; the calendar would put it on 13 Dec 2024.",
    ]);
  });

  it("falls back to the report's own title, and proposes nothing without a date or a place in the cycle", () => {
    expect(proposeCalendar({ reportType: "Annual Review, Year 1", assessmentDate: "2024-03-05", nextReviews: [] })?.certifiedOn).toBe(
      "2023-03-05",
    );
    expect(proposeCalendar({ reportType: "Annual Review Year 1", nextReviews: [] })).toBeUndefined();
    expect(proposeCalendar({ reportType: "Visit notes", assessmentDate: "2024-03-05", nextReviews: [] })).toBeUndefined();
  });
});
