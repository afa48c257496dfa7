/**
 * When a service standard's owner is reminded of a period's figure, and when coordinators hear who
 * has not reported. Every date below was worked out by hand (England and Wales bank holidays:
 * Christmas Day Fri 25 Dec 2026, Boxing Day's substitute Mon 28 Dec, New Year's Day Fri 1 Jan
 * 2027, early May Mon 3 May 2027, spring Mon 31 May 2027; Easter 2024: Good Friday 29 Mar,
 * Easter Monday 1 Apr, early May Mon 6 May).
 */
import { describe, expect, it } from "vitest";
import { isWorkingDay } from "../../src/domain/calendar.js";
import {
  dueFigureReminder,
  figureMilestones,
  figuresOverdue,
  figuresOwed,
  periodOwed,
  tellCoordinators,
} from "../../src/domain/figure-reminders.js";
import { figureDue, periodById, type Period } from "../../src/domain/periods.js";
import { DEFAULT_POLICY, type ReminderPolicy } from "../../src/domain/reminders.js";

const period = (id: string): Period => periodById(id)!;
const days = (id: string, policy?: ReminderPolicy) => figureMilestones(period(id), policy).map((m) => `${m.key} ${m.on}`);

describe("figureMilestones: the days an owner is reminded of a figure", () => {
  it("for a monthly standard, December 2026: after Christmas and New Year, due 10 working days on", () => {
    expect(days("2026-12")).toEqual([
      "open 2027-01-04", // Thu 31 Dec ends it; Fri 1 Jan is New Year's Day, then the weekend
      "due-3wd 2027-01-12", // 3 working days before it is due
      "due-0wd 2027-01-15", // due: Jan 4-8, 11-15 are the 10 working days
      "overdue-0 2027-01-18", // the day after is a Saturday -> Monday
      "overdue-1 2027-01-25",
      "overdue-2 2027-02-01",
      "overdue-3 2027-02-08",
      "overdue-4 2027-02-15", // then no more: as an action's overdue reminders, capped
    ]);
    expect(figureMilestones(period("2026-12")).every((m) => m.target === "2027-01-15")).toBe(true);
  });

  it("across a bank holiday in the window: April 2027, the early May bank holiday", () => {
    expect(days("2027-04")).toEqual([
      "open 2027-05-04", // Fri 30 Apr ends it; Mon 3 May is a bank holiday
      "due-3wd 2027-05-12",
      "due-0wd 2027-05-17", // 4-7, 10-14, 17 May: ten working days after 30 Apr
      "overdue-0 2027-05-18",
      "overdue-1 2027-05-25",
      "overdue-2 2027-06-01", // Mon 31 May is the spring bank holiday; Tue 1 Jun is a day of its own
      "overdue-3 2027-06-08",
      "overdue-4 2027-06-15",
    ]);
  });

  it("for a quarter ending on a weekend: Q2 2028/29 ends Sat 30 Sep 2028", () => {
    expect(days("2028/29-Q2")).toEqual([
      "open 2028-10-02", // Monday
      "due-3wd 2028-10-10",
      "due-0wd 2028-10-13",
      "overdue-0 2028-10-16",
      "overdue-1 2028-10-23",
      "overdue-2 2028-10-30",
      "overdue-3 2028-11-06",
      "overdue-4 2028-11-13",
    ]);
  });

  it("for a quarter ending on Easter Sunday: Q4 2023/24, opened on the Tuesday after Easter Monday", () => {
    expect(days("2023/24-Q4")).toEqual([
      "open 2024-04-02",
      "due-3wd 2024-04-10",
      "due-0wd 2024-04-15",
      "overdue-0 2024-04-16",
      "overdue-1 2024-04-23",
      "overdue-2 2024-04-30",
      "overdue-3 2024-05-07", // Tuesday 7 May is a week on from 30 Apr: the bank holiday was the Monday
      "overdue-4 2024-05-14",
    ]);
  });

  it("merges reminders that land on one day and starts none before the period has ended", () => {
    // A lead as long as the window lands on the first working day after the period: one reminder.
    const wide: ReminderPolicy = { ...DEFAULT_POLICY, figureLeadWorkingDays: [9, 20, 0] };
    expect(days("2026-10", wide).slice(0, 3)).toEqual(["open 2026-11-02", "due-0wd 2026-11-13", "overdue-0 2026-11-16"]);
    const quiet: ReminderPolicy = { ...DEFAULT_POLICY, figureLeadWorkingDays: [], overdueRepeats: 0 };
    expect(days("2026-10", quiet)).toEqual(["open 2026-11-02", "overdue-0 2026-11-16"]);
  });

  it("lands every reminder on a working day, one a day, in order, with the due day itself, for every month and quarter of 2026 to 2028", () => {
    const ids = [
      ...Array.from({ length: 36 }, (_, i) => `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`),
      ...Array.from({ length: 12 }, (_, i) => `${2026 + Math.floor(i / 4)}/${String((27 + Math.floor(i / 4)) % 100)}-Q${(i % 4) + 1}`),
    ];
    for (const id of ids) {
      const p = period(id);
      const list = figureMilestones(p);
      const on = list.map((m) => m.on);
      for (const d of on) expect(isWorkingDay(d), `${id}: ${d}`).toBe(true);
      expect(on, id).toEqual([...new Set(on)].sort());
      expect(on[0]! > p.end, id).toBe(true);
      expect(on, id).toContain(figureDue(p));
      expect(
        list.filter((m) => m.on > figureDue(p)),
        id,
      ).toHaveLength(DEFAULT_POLICY.overdueRepeats + 1);
    }
  });
});

describe("dueFigureReminder: which reminder goes out today", () => {
  const oct = period("2026-10"); // 2 Nov, 10 Nov, 13 Nov, then 16, 23, 30 Nov, 7, 14 Dec
  const key = (today: string, sentUpTo?: string) => dueFigureReminder(oct, today, sentUpTo)?.key;

  it("sends each on its day, and nothing between", () => {
    expect(key("2026-10-30")).toBeUndefined(); // the period has not ended
    expect(key("2026-11-02")).toBe("open");
    expect(key("2026-11-03", "2026-11-02")).toBeUndefined();
    expect(key("2026-11-10", "2026-11-02")).toBe("due-3wd");
    expect(key("2026-11-13", "2026-11-10")).toBe("due-0wd");
    expect(key("2026-11-16", "2026-11-13")).toBe("overdue-0");
    expect(key("2026-11-20", "2026-11-16")).toBeUndefined();
    expect(key("2026-11-23", "2026-11-16")).toBe("overdue-1");
  });

  it("sends nothing twice once the cursor is at it", () => {
    expect(key("2026-11-02", "2026-11-02")).toBeUndefined();
    expect(key("2026-12-20", "2026-12-14")).toBeUndefined();
  });

  it("collapses days missed while nothing ran into the latest", () => {
    expect(key("2026-11-17", "2026-11-02")).toBe("overdue-0");
  });

  it("without a cursor (a standard just added), catches up on the last 7 days only", () => {
    expect(key("2026-11-20")).toBe("overdue-0"); // 16 Nov is within a week
    expect(key("2026-11-24")).toBe("overdue-1");
    expect(dueFigureReminder(period("2026/27-Q2"), "2026-11-27", undefined)).toBeUndefined(); // last one was 12 Nov
  });
});

describe("which figures are owed, overdue, and when coordinators hear", () => {
  const owner = { userId: "olu", name: "Olu Officer" };
  const LETTERS = { id: "letters", frequency: "quarterly" as const, owner, promise: "Letters in ten working days" };
  const PHONE = { id: "phone", frequency: "monthly" as const, owner, promise: "Calls in three minutes" };

  it("owes the last finished period: the month or quarter before the one in progress", () => {
    expect(periodOwed("monthly", "2027-01-04").id).toBe("2026-12");
    expect(periodOwed("quarterly", "2026-10-01").id).toBe("2026/27-Q2");
    expect(periodOwed("quarterly", "2026-09-30").id).toBe("2026/27-Q1");
    expect(periodOwed("quarterly", "2027-04-01").id).toBe("2026/27-Q4");
  });

  it("owes nothing once the figure is recorded, so no reminder goes", () => {
    const owed = figuresOwed([LETTERS, PHONE], [], "2026-11-02");
    expect(owed.map((o) => [o.standard.id, o.period.id, o.dueOn])).toEqual([
      ["letters", "2026/27-Q2", "2026-10-14"],
      ["phone", "2026-10", "2026-11-13"],
    ]);
    const recorded = [
      { standardId: "letters", periodId: "2026/27-Q2" },
      { standardId: "phone", periodId: "2026-09" }, // an older month does not count for October
    ];
    expect(figuresOwed([LETTERS, PHONE], recorded, "2026-11-02").map((o) => o.standard.id)).toEqual(["phone"]);
    expect(figuresOwed([LETTERS, PHONE], [...recorded, { standardId: "phone", periodId: "2026-10" }], "2026-11-02")).toEqual([]);
  });

  it("calls a figure overdue the day after it is due, longest overdue first", () => {
    const owed = figuresOwed([PHONE, LETTERS], [], "2026-11-13");
    expect(figuresOverdue(owed, "2026-11-13").map((o) => o.standard.id)).toEqual(["letters"]); // phone is due today
    expect(figuresOverdue(owed, "2026-11-16").map((o) => o.standard.id)).toEqual(["letters", "phone"]);
  });

  it("tells coordinators once any figure is overdue, at most weekly", () => {
    expect(tellCoordinators(0, "2026-11-16", undefined)).toBe(false);
    expect(tellCoordinators(2, "2026-11-16", undefined)).toBe(true);
    expect(tellCoordinators(2, "2026-11-16", "2026-11-16")).toBe(false);
    expect(tellCoordinators(2, "2026-11-20", "2026-11-16")).toBe(false);
    expect(tellCoordinators(2, "2026-11-23", "2026-11-16")).toBe(true);
    // A week on is a bank holiday: the next run, on the next working day.
    expect(tellCoordinators(1, "2026-12-29", "2026-12-21")).toBe(true);
    expect(tellCoordinators(1, "2026-11-23", "2026-11-20", { ...DEFAULT_POLICY, overdueEveryDays: 3 })).toBe(true);
  });
});
