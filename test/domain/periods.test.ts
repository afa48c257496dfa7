/** Reporting periods on the UK public-sector financial year, and when each figure is due. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  currentPeriod,
  figureDue,
  financialQuarter,
  financialYearOf,
  periodById,
  periodContaining,
  periodsEndingWith,
  previousPeriod,
} from "../../src/domain/periods.js";

describe("financial-year periods", () => {
  it("Q1 is April to June; Q4 is January to March of the next calendar year", () => {
    expect(financialQuarter(2026, 1)).toMatchObject({
      id: "2026/27-Q1",
      start: "2026-04-01",
      end: "2026-06-30",
      label: "Q1 2026/27 (April to June 2026)",
    });
    expect(financialQuarter(2026, 3)).toMatchObject({ start: "2026-10-01", end: "2026-12-31" });
    expect(financialQuarter(2026, 4)).toMatchObject({
      id: "2026/27-Q4",
      start: "2027-01-01",
      end: "2027-03-31",
      label: "Q4 2026/27 (January to March 2027)",
    });
    expect(financialQuarter(2099, 4).id).toBe("2099/00-Q4");
  });

  it.each([
    ["2026-04-01", 2026, "2026/27-Q1"],
    ["2027-03-31", 2026, "2026/27-Q4"],
    ["2027-01-15", 2026, "2026/27-Q4"],
    ["2026-12-31", 2026, "2026/27-Q3"],
    ["2026-03-31", 2025, "2025/26-Q4"],
  ])("%s is in the financial year starting %i, quarter %s", (day, year, quarter) => {
    expect(financialYearOf(day)).toBe(year);
    expect(periodContaining(day, "quarterly").id).toBe(quarter);
  });

  it("months: labels, leap years, and the month before January is last December", () => {
    expect(periodContaining("2028-02-10", "monthly")).toEqual({
      frequency: "monthly",
      id: "2028-02",
      start: "2028-02-01",
      end: "2028-02-29",
      label: "February 2028",
    });
    expect(previousPeriod(periodContaining("2027-01-05", "monthly")).id).toBe("2026-12");
    expect(previousPeriod(financialQuarter(2026, 1)).id).toBe("2025/26-Q4");
  });

  it("the clock change never moves a period: 23:30 UTC on 31 March 2027 is already 1 April in London (BST)", () => {
    expect(currentPeriod(new Date("2027-03-31T23:30:00Z"), "quarterly").id).toBe("2027/28-Q1");
    expect(currentPeriod(new Date("2027-03-31T22:59:59Z"), "quarterly").id).toBe("2026/27-Q4");
    // In winter London is on UTC: 23:30 UTC on 31 December is still 31 December.
    expect(currentPeriod(new Date("2026-12-31T23:30:00Z"), "monthly").id).toBe("2026-12");
    // The clocks go back on 25 October 2026: the month is October either side of it.
    expect(currentPeriod(new Date("2026-10-25T00:30:00Z"), "monthly").id).toBe("2026-10");
    expect(currentPeriod(new Date("2026-10-25T01:30:00Z"), "monthly").id).toBe("2026-10");
  });

  it("the last 12 periods, oldest first, across financial years", () => {
    const twelve = periodsEndingWith(financialQuarter(2026, 2), 12).map((p) => p.id);
    expect(twelve[0]).toBe("2023/24-Q3");
    expect(twelve.at(-1)).toBe("2026/27-Q2");
    expect(new Set(twelve).size).toBe(12);
    expect(periodsEndingWith(periodContaining("2026-05-01", "monthly"), 3).map((p) => p.id)).toEqual(["2026-03", "2026-04", "2026-05"]);
  });

  it("a figure is due ten working days after its period ends, bank holidays skipped", () => {
    // Q4 2026/27 ends on Wednesday 31 March 2027; Good Friday is 26 March and Easter Monday 29 March 2027, before the end.
    expect(figureDue(financialQuarter(2026, 4))).toBe("2027-04-14");
    // December 2026 ends on a Thursday; 1 January 2027 is a bank holiday.
    expect(figureDue(periodContaining("2026-12-01", "monthly"))).toBe("2027-01-15");
    expect(figureDue(periodContaining("2026-12-01", "monthly"), 1)).toBe("2027-01-04");
  });

  it("reads a period back from its id, and refuses ids that are not periods", () => {
    expect(periodById("2026/27-Q3")).toEqual(financialQuarter(2026, 3));
    expect(periodById("2026-11")?.label).toBe("November 2026");
    for (const bad of ["2026/28-Q1", "2026/27-Q5", "2026-13", "2026-00", "Q1", "", "2026/27-q1"]) expect(periodById(bad)).toBeUndefined();
  });

  it("every day is in exactly one month and one quarter, and each period follows the one before it without a gap", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        for (const f of ["monthly", "quarterly"] as const) {
          const p = periodContaining(day, f);
          expect(p.start <= day && day <= p.end).toBe(true);
          expect(periodById(p.id)).toEqual(p);
          const before = previousPeriod(p);
          const next = new Date(`${before.end}T00:00:00Z`);
          next.setUTCDate(next.getUTCDate() + 1);
          expect(next.toISOString().slice(0, 10)).toBe(p.start);
        }
      }),
      { numRuns: 300 },
    );
  });
});
