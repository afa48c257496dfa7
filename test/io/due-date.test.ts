/** Due dates as improvement plans write them. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIsoDate } from "../../src/domain/calendar.js";
import { deadlineIn, dueDateIn } from "../../src/io/due-date.js";

describe("dueDateIn", () => {
  it.each([
    ["31/03/2027", "2027-03-31"],
    ["2027-03-31", "2027-03-31"],
    ["1 April 2001", "2001-04-01"],
    ["By 1st of April 2001", "2001-04-01"],
    ["By July 2001", "2001-07-31"],
    ["March 2027", "2027-03-31"],
    ["Feb 2028", "2028-02-29"],
    ["Q3 2026/27", "2026-12-31"],
    ["Q1 2026/27", "2026-06-30"],
    ["Q4 2026/27", "2027-03-31"],
    ["Q4 2026-2027", "2027-03-31"],
    ["Q2 2026", "2026-06-30"],
    ["2026/27", "2027-03-31"],
    ["Complete audit by 28 February 2001. Established machinery by 31 May 2001.", "2001-02-28"],
    ["Initial options by 30 September 2001", "2001-09-30"],
  ])("reads %j as %s", (written, expected) => {
    expect(dueDateIn(written)).toBe(expected);
  });

  it.each([["As part of periodic surveys."], ["Ongoing"], ["31/02/2027"], ["Q5 2026"], ["2026/29"], ["13/13/2026"], [""]])(
    "finds no date in %j",
    (written) => {
      expect(dueDateIn(written)).toBeUndefined();
    },
  );

  it("always answers a real date or nothing, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const on = dueDateIn(text);
        expect(on === undefined || isIsoDate(on)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("deadlineIn", () => {
  it("takes the date a sentence sets as the deadline, not a date it only mentions", () => {
    expect(deadlineIn("That following the June 2009 election Group Leaders ... at the end of the year in April 2010")).toEqual({
      on: "2010-04-30",
      written: "in April 2010",
    });
    expect(deadlineIn("That by June 2009 all Strategic Directors ... before October 2009")?.written).toBe("by June 2009");
    expect(deadlineIn("Consideration should be given to modifying the website.")).toBeUndefined();
  });
});
