import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  certificationCalendar,
  isBankHoliday,
  isWorkingDay,
  londonDay,
  londonTime,
  workingDayOnOrAfter,
} from "../../src/domain/calendar.js";

describe("working days in England and Wales", () => {
  it("knows the regular bank holidays, the substitutes and the one-offs (as published on GOV.UK)", () => {
    for (const d of ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"])
      expect(isBankHoliday(d), d).toBe(true);
    for (const d of ["2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08", "2027-12-27", "2027-12-28"])
      expect(isBankHoliday(d), d).toBe(true);
    for (const d of ["2026-12-24", "2026-03-17", "2026-11-05"]) expect(isBankHoliday(d), d).toBe(false);
  });

  it("counts Monday to Friday except bank holidays", () => {
    expect(isWorkingDay("2026-11-20")).toBe(true); // Friday
    expect(isWorkingDay("2026-11-21")).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-22")).toBe(false); // Sunday
    expect(isWorkingDay("2026-12-28")).toBe(false); // Boxing Day substitute, a Monday
  });

  it("adds and subtracts working days across weekends, Christmas and New Year", () => {
    expect(addWorkingDays("2026-11-20", 1)).toBe("2026-11-23");
    expect(addWorkingDays("2026-12-24", 1)).toBe("2026-12-29");
    expect(addWorkingDays("2026-12-24", 5)).toBe("2027-01-05");
    expect(addWorkingDays("2027-01-04", -3)).toBe("2026-12-29"); // back over New Year's Day
    expect(addWorkingDays("2026-04-07", -1)).toBe("2026-04-02"); // back over Easter
    expect(addWorkingDays("2026-11-20", 0)).toBe("2026-11-20");
  });

  it("agrees with a day-by-day walk in London time, for any date and count (property)", () => {
    // The walk as it was written with luxon in Europe/London: slower, obviously right.
    const reference = (date: string, count: number) => {
      let d = DateTime.fromISO(date, { zone: "Europe/London" });
      const step = count < 0 ? -1 : 1;
      for (let left = Math.abs(count); left > 0;) {
        d = d.plus({ days: step });
        if (d.weekday <= 5 && !isBankHoliday(d.toISODate()!)) left--;
      }
      return d.toISODate()!;
    };
    const dates = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(dates, fc.integer({ min: -40, max: 40 }), (at, count) => {
        const date = at.toISOString().slice(0, 10);
        expect(addWorkingDays(date, count)).toBe(reference(date, count));
        const weekday = DateTime.fromISO(date).weekday;
        expect(isWorkingDay(date)).toBe(weekday <= 5 && !isBankHoliday(date));
      }),
      { numRuns: 300 },
    );
  });

  it("moves a non-working day to the next working day", () => {
    expect(workingDayOnOrAfter("2026-12-25")).toBe("2026-12-29");
    expect(workingDayOnOrAfter("2026-11-20")).toBe("2026-11-20");
  });

  it("refuses what is not a calendar date", () => {
    expect(() => isWorkingDay("2026-02-30")).toThrow("Not a calendar date");
    expect(() => isWorkingDay("20/11/2026")).toThrow("Not a calendar date");
  });
});

describe("London time across the clock changes", () => {
  it("puts 09:00 London at 09:00 UTC in winter and 08:00 UTC in summer", () => {
    expect(londonTime("2026-03-27", 9).toISOString()).toBe("2026-03-27T09:00:00.000Z"); // Friday before the change
    expect(londonTime("2026-03-30", 9).toISOString()).toBe("2026-03-30T08:00:00.000Z"); // Monday after
    expect(londonTime("2026-10-23", 9).toISOString()).toBe("2026-10-23T08:00:00.000Z");
    expect(londonTime("2026-10-26", 9).toISOString()).toBe("2026-10-26T09:00:00.000Z");
  });

  it("reads the London date of an instant, which differs from UTC late on a summer evening", () => {
    expect(londonDay(new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-02");
    expect(londonDay(new Date("2026-12-01T23:30:00Z"))).toBe("2026-12-01");
  });
});

describe("the certification calendar", () => {
  it("schedules reviews at 12 and 24 months and reassessment at 36, on working days, with evidence due before each", () => {
    // Oadby and Wigston's onsite review was on 13 Dec 2023.
    expect(certificationCalendar("2023-12-13")).toEqual({
      certifiedOn: "2023-12-13",
      visits: [
        { kind: "annual-review-1", date: "2024-12-13", evidenceDue: "2024-11-29" },
        { kind: "annual-review-2", date: "2025-12-15", evidenceDue: "2025-12-01" },
        { kind: "reassessment", date: "2026-12-14", evidenceDue: "2026-11-30" },
      ],
    });
  });

  it("takes the evidence lead time in working days, skipping bank holidays", () => {
    const { visits } = certificationCalendar("2024-01-05", 3);
    // 5 Jan 2025 is a Sunday; three working days before Monday 6 Jan skip New Year's Day.
    expect(visits[0]).toEqual({ kind: "annual-review-1", date: "2025-01-06", evidenceDue: "2024-12-31" });
  });
});
