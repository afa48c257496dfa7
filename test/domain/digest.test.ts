/** Channel digest schedules: periods, when each is due (Europe/London, working days), and parsing. */
import { describe, expect, it } from "vitest";
import { DEFAULT_SCHEDULE, describeSchedule, duePeriod, parseSchedule, periodOf } from "../../src/domain/digest.js";

const weekly = DEFAULT_SCHEDULE; // Mondays 09:00

describe("periodOf and duePeriod", () => {
  it("weekly: the ISO week, due Monday 09:00 London (08:00 UTC in summer, 09:00 in winter)", () => {
    expect(periodOf(weekly, new Date("2026-11-25T12:00:00Z"))).toEqual({ key: "2026-W48", dueAt: new Date("2026-11-23T09:00:00Z") });
    expect(periodOf(weekly, new Date("2026-06-10T12:00:00Z"))).toEqual({ key: "2026-W24", dueAt: new Date("2026-06-08T08:00:00Z") });
  });

  it("is due once per period: not before its time, not again once posted", () => {
    expect(duePeriod(weekly, new Date("2026-11-23T08:59:00Z"), "2026-W47")).toBeUndefined();
    expect(duePeriod(weekly, new Date("2026-11-23T09:00:00Z"), "2026-W47")).toBe("2026-W48");
    expect(duePeriod(weekly, new Date("2026-11-27T16:00:00Z"), "2026-W47")).toBe("2026-W48"); // late, but still this week's
    expect(duePeriod(weekly, new Date("2026-11-27T16:00:00Z"), "2026-W48")).toBeUndefined();
  });

  it("moves to the next working day after a bank holiday, within the same week", () => {
    // Easter Monday 29 Mar 2027: the Monday digest goes out on Tuesday 30 Mar, 09:00 BST.
    expect(periodOf(weekly, new Date("2027-03-31T12:00:00Z")).dueAt).toEqual(new Date("2027-03-30T08:00:00Z"));
  });

  it("monthly: on its day of the month, or the next working day", () => {
    const monthly = { ...weekly, cadence: "monthly" as const, monthDay: 1 };
    // 1 Nov 2026 is a Sunday: due Monday 2 Nov.
    expect(periodOf(monthly, new Date("2026-11-20T12:00:00Z"))).toEqual({ key: "2026-11", dueAt: new Date("2026-11-02T09:00:00Z") });
    expect(duePeriod(monthly, new Date("2026-11-01T12:00:00Z"), "2026-10")).toBeUndefined();
  });
});

describe("parseSchedule", () => {
  it("reads what a coordinator types", () => {
    expect(parseSchedule(["weekly"])).toEqual({ ok: true, value: weekly });
    expect(parseSchedule(["Weekly", "Friday", "16:30"])).toEqual({ ok: true, value: { ...weekly, weekday: 5, hour: 16, minute: 30 } });
    expect(parseSchedule(["monthly", "15", "8.00"])).toEqual({
      ok: true,
      value: { ...weekly, cadence: "monthly", monthDay: 15, hour: 8, minute: 0 },
    });
  });

  it("refuses what it cannot read, saying what would work", () => {
    expect(parseSchedule(["daily"])).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("digest weekly, digest monthly or digest off") },
    });
    expect(parseSchedule(["weekly", "saturday"])).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("not a working day") },
    });
    expect(parseSchedule(["monthly", "31"])).toMatchObject({ ok: false, refusal: { message: expect.stringContaining("from 1 to 28") } });
    expect(parseSchedule(["weekly", "25:00"])).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("not a time of day") },
    });
  });

  it("describes a schedule in words", () => {
    expect(describeSchedule(weekly)).toBe("every Monday at 09:00");
    expect(describeSchedule({ ...weekly, cadence: "monthly", monthDay: 2, hour: 16, minute: 30 })).toBe(
      "on the 2nd of each month at 16:30",
    );
  });
});
