/**
 * The reminder schedule across weekends, England and Wales bank holidays and the clock changes.
 * Every expected date below was worked out by hand from the 2026/2027 calendar (and checked
 * against date-holidays and luxon):
 *
 *   2026: BST ends Sun 25 Oct; Christmas Day Fri 25 Dec; Boxing Day Sat 26 Dec, substitute Mon 28 Dec.
 *   2027: New Year's Day Fri 1 Jan; Good Friday 26 Mar; BST starts Sun 28 Mar; Easter Monday
 *         29 Mar; early May bank holiday Mon 3 May; spring bank holiday Mon 31 May.
 */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { ImprovementAction } from "../../src/domain/actions.js";
import { isWorkingDay } from "../../src/domain/calendar.js";
import {
  actionReminderOn,
  actionReminderDays,
  calendarMilestones,
  DEFAULT_POLICY,
  dueMilestone,
  elementDeadlineMilestones,
  nextActionReminder,
  sendingDay,
  workingDayOnOrBefore,
  type Milestone,
  type ReminderPolicy,
} from "../../src/domain/reminders.js";

const owner = (on: string) => ({ on, toOwner: true, toLead: false });

describe("the default policy", () => {
  it("is the one the schedules below were worked out for", () => {
    expect(DEFAULT_POLICY).toEqual({
      actionLeadWorkingDays: [30, 7, 1],
      overdueEveryDays: 7,
      overdueRepeats: 4,
      escalateAfterDays: 14,
      elementLeadWorkingDays: [10, 3, 1],
      calendarLeadDays: [90, 30, 7],
      figureLeadWorkingDays: [3, 0],
      sendHour: 9,
    });
  });
});

describe("workingDayOnOrBefore", () => {
  it("keeps a working day", () => {
    expect(workingDayOnOrBefore("2026-12-24")).toBe("2026-12-24"); // Thursday, Christmas Eve is not a bank holiday
    expect(workingDayOnOrBefore("2027-03-30")).toBe("2027-03-30"); // Tuesday after Easter
  });

  it("moves back over weekends and bank holidays", () => {
    expect(workingDayOnOrBefore("2026-11-22")).toBe("2026-11-20"); // Sunday -> Friday
    expect(workingDayOnOrBefore("2026-12-28")).toBe("2026-12-24"); // Boxing Day substitute, Sun, Sat, Christmas Day
    expect(workingDayOnOrBefore("2027-01-03")).toBe("2026-12-31"); // Sunday, Saturday, New Year's Day
    expect(workingDayOnOrBefore("2027-03-29")).toBe("2027-03-25"); // Easter Monday back to Maundy Thursday
    expect(workingDayOnOrBefore("2027-05-03")).toBe("2027-04-30"); // early May bank holiday
  });
});

describe("actionReminderDays", () => {
  it("schedules an action due Mon 4 Jan 2027 around Christmas and New Year", () => {
    expect(actionReminderDays("2027-01-04")).toEqual([
      // 30 working days before: back through December and November, skipping weekends and the
      // four Christmas/New Year bank holidays (25 Dec, 28 Dec, 1 Jan) -> Wed 18 Nov.
      owner("2026-11-18"),
      // 7 working days before: 31, 30, 29, 24, 23, 22, 21 Dec -> Mon 21 Dec.
      owner("2026-12-21"),
      // 1 working day before: Sun 3, Sat 2 and Fri 1 Jan (New Year's Day) skipped -> Thu 31 Dec.
      owner("2026-12-31"),
      // Overdue: the day after (Tue 5 Jan), then weekly, four more times.
      owner("2027-01-05"),
      owner("2027-01-12"),
      // Overdue by more than 14 days: the lead hears too, on the same day as the owner.
      { on: "2027-01-19", toOwner: true, toLead: true },
      owner("2027-01-26"),
      owner("2027-02-02"),
    ]);
  });

  it("moves overdue reminders that land on a bank holiday or weekend to the next working day", () => {
    // Due Thu 24 Dec 2026: overdue from Fri 25 Dec (Christmas) -> Tue 29 Dec (past Boxing Day's
    // substitute); a week later Fri 1 Jan (New Year's Day) -> Mon 4 Jan.
    expect(actionReminderDays("2026-12-24")).toEqual([
      owner("2026-11-12"),
      owner("2026-12-15"),
      owner("2026-12-23"),
      owner("2026-12-29"),
      owner("2027-01-04"),
      { on: "2027-01-08", toOwner: true, toLead: true },
      owner("2027-01-15"),
      owner("2027-01-22"),
    ]);
  });

  it("for an action due on a Saturday: the Friday before, overdue on the Monday", () => {
    expect(actionReminderDays("2026-11-21")).toEqual([
      owner("2026-10-12"),
      owner("2026-11-12"),
      owner("2026-11-20"), // Friday
      owner("2026-11-23"), // Monday
      owner("2026-11-30"),
      { on: "2026-12-07", toOwner: true, toLead: true },
      owner("2026-12-14"),
      owner("2026-12-21"),
    ]);
  });

  it("for an action due on a Saturday before a bank holiday Monday: overdue on the Tuesday", () => {
    // Due Sat 1 May 2027; Mon 3 May is the early May bank holiday; Mon 31 May the spring one.
    expect(actionReminderDays("2027-05-01")).toEqual([
      owner("2027-03-18"), // 30 working days back, over Easter (26 and 29 Mar)
      owner("2027-04-22"),
      owner("2027-04-30"), // Friday
      owner("2027-05-04"), // Tuesday
      owner("2027-05-10"),
      { on: "2027-05-17", toOwner: true, toLead: true },
      owner("2027-05-24"),
      owner("2027-06-01"), // Sun 30 May, Mon 31 May bank holiday -> Tuesday
    ]);
  });

  it("over Easter and the start of summer time", () => {
    // Due Maundy Thursday 25 Mar 2027: overdue Good Friday -> past the weekend (clocks go forward)
    // and Easter Monday -> Tue 30 Mar.
    expect(actionReminderDays("2027-03-25")).toEqual([
      owner("2027-02-11"),
      owner("2027-03-16"),
      owner("2027-03-24"),
      owner("2027-03-30"),
      owner("2027-04-02"),
      { on: "2027-04-09", toOwner: true, toLead: true },
      owner("2027-04-16"),
      owner("2027-04-23"),
    ]);
  });

  it("over the end of summer time", () => {
    // Due Fri 23 Oct 2026; clocks go back on Sun 25 Oct. Overdue Sat 24 -> Mon 26 Oct; weekly
    // reminders land on Saturdays and move to the Monday.
    expect(actionReminderDays("2026-10-23")).toEqual([
      owner("2026-09-11"),
      owner("2026-10-14"),
      owner("2026-10-22"),
      owner("2026-10-26"),
      owner("2026-11-02"),
      { on: "2026-11-09", toOwner: true, toLead: true },
      owner("2026-11-16"),
      owner("2026-11-23"),
    ]);
  });

  it("caps the overdue reminders at policy.overdueRepeats and tells the lead once", () => {
    const days = actionReminderDays("2027-01-04");
    expect(days.filter((d) => d.on > "2027-01-04")).toHaveLength(DEFAULT_POLICY.overdueRepeats + 1);
    expect(days.filter((d) => d.toLead)).toHaveLength(1);

    const quieter: ReminderPolicy = { ...DEFAULT_POLICY, overdueRepeats: 1 };
    expect(actionReminderDays("2027-01-04", quieter).filter((d) => d.on > "2027-01-04")).toEqual([
      owner("2027-01-05"),
      owner("2027-01-12"),
      // Past the cap, the lead is still told once, on its own.
      { on: "2027-01-19", toOwner: false, toLead: true },
    ]);
  });

  it("keeps a lead reminder that falls between owner reminders as a day of its own", () => {
    // Overdue by more than 10 days: Fri 15 Jan, between the weekly Tuesdays.
    const days = actionReminderDays("2027-01-04", { ...DEFAULT_POLICY, escalateAfterDays: 10 }).filter((d) => d.on > "2027-01-04");
    expect(days).toEqual([
      owner("2027-01-05"),
      owner("2027-01-12"),
      { on: "2027-01-15", toOwner: false, toLead: true },
      owner("2027-01-19"),
      owner("2027-01-26"),
      owner("2027-02-02"),
    ]);
  });

  it("lands every reminder on a working day, once per day, in order, for every due date from Oct 2026 to Jun 2027", () => {
    for (let t = Date.UTC(2026, 9, 1); t <= Date.UTC(2027, 5, 30); t += 86_400_000) {
      const due = new Date(t).toISOString().slice(0, 10);
      const days = actionReminderDays(due);
      for (const d of days) expect(isWorkingDay(d.on), `${due}: ${d.on}`).toBe(true);
      expect(
        days.map((d) => d.on),
        due,
      ).toEqual([...new Set(days.map((d) => d.on))].sort());
      expect(
        days.filter((d) => d.on < due),
        due,
      ).toHaveLength(3);
      expect(
        days.filter((d) => d.toLead),
        due,
      ).toHaveLength(1);
    }
  });
});

describe("nextActionReminder", () => {
  const action = (fields: Partial<ImprovementAction> = {}): Pick<ImprovementAction, "dueOn" | "status" | "snoozedUntil"> => ({
    dueOn: "2027-01-04",
    status: "open",
    ...fields,
  });

  it("gives the next reminder after a day", () => {
    expect(nextActionReminder(action(), "2026-11-17")).toEqual(owner("2026-11-18"));
    expect(nextActionReminder(action(), "2026-11-18")).toEqual(owner("2026-12-21")); // not the one just sent
    expect(nextActionReminder(action(), "2026-11-20")).toEqual(owner("2026-12-21"));
    expect(nextActionReminder(action(), "2026-12-31")).toEqual(owner("2027-01-05"));
    expect(nextActionReminder(action(), "2027-01-02")).toEqual(owner("2027-01-05")); // from a Saturday
    expect(nextActionReminder(action(), "2027-01-12")).toEqual({ on: "2027-01-19", toOwner: true, toLead: true });
    expect(nextActionReminder(action({ status: "in-progress" }), "2027-01-19")).toEqual(owner("2027-01-26"));
  });

  it("gives none once the overdue reminders have run out", () => {
    expect(nextActionReminder(action(), "2027-01-26")).toEqual(owner("2027-02-02"));
    expect(nextActionReminder(action(), "2027-02-02")).toBeUndefined();
  });

  it.each(["done", "cancelled", "on-hold"] as const)("gives none for a %s action", (status) => {
    expect(nextActionReminder(action({ status }), "2026-11-20")).toBeUndefined();
    expect(nextActionReminder(action({ status }), "2027-01-12")).toBeUndefined();
  });

  it("is quiet while snoozed and reminds the owner on the day the snooze ends", () => {
    // Snoozed until Wed 23 Dec: the reminder of Mon 21 Dec is suppressed.
    expect(nextActionReminder(action({ snoozedUntil: "2026-12-23" }), "2026-11-20")).toEqual(owner("2026-12-23"));
    // ...and after that day, the schedule carries on.
    expect(nextActionReminder(action({ snoozedUntil: "2026-12-23" }), "2026-12-23")).toEqual(owner("2026-12-31"));
  });

  it("moves a snooze ending on a bank holiday or weekend to the next working day", () => {
    // Christmas Day -> past Sat, Sun and Boxing Day's substitute -> Tue 29 Dec.
    expect(nextActionReminder(action({ snoozedUntil: "2026-12-25" }), "2026-12-21")).toEqual(owner("2026-12-29"));
    // Sat 2 Jan -> Mon 4 Jan (the due date itself), before the first overdue reminder.
    expect(nextActionReminder(action({ snoozedUntil: "2027-01-02" }), "2026-12-31")).toEqual(owner("2027-01-04"));
  });

  it("keeps the scheduled reminder, lead included, when the snooze ends on its day", () => {
    expect(nextActionReminder(action({ snoozedUntil: "2027-01-19" }), "2027-01-12")).toEqual({
      on: "2027-01-19",
      toOwner: true,
      toLead: true,
    });
    // A snooze ending on Sun 17 Jan resumes on Mon 18 Jan, the day before.
    expect(nextActionReminder(action({ snoozedUntil: "2027-01-17" }), "2027-01-12")).toEqual(owner("2027-01-18"));
  });

  it("reminds once when a snooze ends after the last scheduled reminder", () => {
    expect(nextActionReminder(action({ snoozedUntil: "2027-03-01" }), "2027-01-26")).toEqual(owner("2027-03-01"));
    expect(nextActionReminder(action({ snoozedUntil: "2027-03-01" }), "2027-03-01")).toBeUndefined();
  });

  it("ignores a snooze that has ended", () => {
    expect(nextActionReminder(action({ snoozedUntil: "2026-12-01" }), "2026-12-21")).toEqual(owner("2026-12-31"));
    expect(nextActionReminder(action({ snoozedUntil: "2026-12-21" }), "2026-12-21")).toEqual(owner("2026-12-31"));
  });

  it("gives a snoozed action that is closed no reminder either", () => {
    expect(nextActionReminder(action({ status: "done", snoozedUntil: "2026-12-23" }), "2026-11-20")).toBeUndefined();
  });

  it("follows the policy it is given", () => {
    const policy: ReminderPolicy = { ...DEFAULT_POLICY, actionLeadWorkingDays: [2] };
    // Two working days before Mon 4 Jan: Thu 31 Dec, then Wed 30 Dec.
    expect(nextActionReminder(action(), "2026-11-20", policy)).toEqual(owner("2026-12-30"));
  });
});

describe("elementDeadlineMilestones", () => {
  it("reminds 10, 3 and 1 working days before a self-assessment due Tue 5 Jan 2027, and the day after", () => {
    expect(elementDeadlineMilestones("2027-01-05")).toEqual([
      // 4 Jan, 31, 30, 29, 24, 23, 22, 21, 18, 17 Dec
      { key: "due-10wd", on: "2026-12-17", target: "2027-01-05" },
      { key: "due-3wd", on: "2026-12-30", target: "2027-01-05" },
      { key: "due-1wd", on: "2027-01-04", target: "2027-01-05" },
      { key: "missed", on: "2027-01-06", target: "2027-01-05" },
    ]);
  });

  it("sends the missed reminder on the next working day", () => {
    // Due Thu 24 Dec 2026: missed from Tue 29 Dec.
    expect(elementDeadlineMilestones("2026-12-24").at(-1)).toEqual({ key: "missed", on: "2026-12-29", target: "2026-12-24" });
  });
});

describe("calendarMilestones", () => {
  it("reminds 90, 30 and 7 days before a visit, on the working day before when those land on a weekend or bank holiday", () => {
    expect(calendarMilestones("visit", "2027-04-02")).toEqual([
      // 90 days before is Sat 2 Jan; Fri 1 Jan is New Year's Day -> Thu 31 Dec.
      { key: "visit-90d", on: "2026-12-31", target: "2027-04-02" },
      // 30 days before is Wed 3 Mar, a working day.
      { key: "visit-30d", on: "2027-03-03", target: "2027-04-02" },
      // 7 days before is Good Friday -> Maundy Thursday.
      { key: "visit-7d", on: "2027-03-25", target: "2027-04-02" },
    ]);
  });

  it("counts calendar days across the clock change and moves back over Christmas", () => {
    expect(calendarMilestones("evidence", "2027-01-27")).toEqual([
      // 90 days before is Thu 29 Oct 2026, after the clocks went back.
      { key: "evidence-90d", on: "2026-10-29", target: "2027-01-27" },
      // 30 days before is Mon 28 Dec (Boxing Day's substitute) -> Thu 24 Dec.
      { key: "evidence-30d", on: "2026-12-24", target: "2027-01-27" },
      { key: "evidence-7d", on: "2027-01-20", target: "2027-01-27" },
    ]);
  });
});

describe("dueMilestone", () => {
  const deadline = elementDeadlineMilestones("2027-01-05"); // 17 Dec, 30 Dec, 4 Jan, missed 6 Jan
  const visit = calendarMilestones("visit", "2027-04-02"); // 31 Dec, 3 Mar, 25 Mar
  const key = (m: Milestone | undefined) => m?.key;

  it("picks the milestone that has come and was not sent", () => {
    expect(key(dueMilestone(deadline, "2026-12-16", undefined))).toBeUndefined();
    expect(key(dueMilestone(deadline, "2026-12-17", undefined))).toBe("due-10wd");
    expect(key(dueMilestone(deadline, "2026-12-30", "2026-12-17"))).toBe("due-3wd");
    expect(key(dueMilestone(deadline, "2027-01-04", "2026-12-30"))).toBe("due-1wd");
    expect(key(dueMilestone(deadline, "2027-01-06", "2027-01-04"))).toBe("missed");
  });

  it("collapses a backlog into the latest one", () => {
    // Nothing ran from 18 Dec to 4 Jan: one reminder, the latest, not two.
    expect(dueMilestone(deadline, "2027-01-04", "2026-12-17")).toEqual({ key: "due-1wd", on: "2027-01-04", target: "2027-01-05" });
    expect(key(dueMilestone([...deadline].reverse(), "2027-01-04", "2026-12-17"))).toBe("due-1wd");
    // On the due date itself, the 1-day reminder is still news.
    expect(key(dueMilestone(deadline, "2027-01-05", "2026-12-17"))).toBe("due-1wd");
    // After the due date, only "missed" is left to say.
    expect(key(dueMilestone(deadline, "2027-01-06", "2026-12-17"))).toBe("missed");
    expect(key(dueMilestone(visit, "2027-03-24", "2026-12-31"))).toBe("visit-30d");
    expect(key(dueMilestone(visit, "2027-03-25", "2026-12-31"))).toBe("visit-7d");
  });

  it("sends nothing twice once sentUpTo is at it", () => {
    expect(dueMilestone(deadline, "2026-12-17", "2026-12-17")).toBeUndefined();
    expect(dueMilestone(deadline, "2026-12-29", "2026-12-17")).toBeUndefined();
    expect(dueMilestone(deadline, "2027-01-05", "2027-01-04")).toBeUndefined();
    expect(dueMilestone(deadline, "2027-01-07", "2027-01-06")).toBeUndefined();
    expect(dueMilestone(deadline, "2027-02-01", "2027-01-06")).toBeUndefined();
    expect(dueMilestone(visit, "2027-03-31", "2027-03-25")).toBeUndefined();
  });

  it("says nothing about a visit once its date has passed", () => {
    expect(dueMilestone(visit, "2027-04-02", "2027-03-03")).toEqual({ key: "visit-7d", on: "2027-03-25", target: "2027-04-02" });
    expect(dueMilestone(visit, "2027-04-03", "2027-03-03")).toBeUndefined();
  });

  it("without a cursor, catches up on the last 7 days only", () => {
    expect(key(dueMilestone(deadline, "2026-12-24", undefined))).toBe("due-10wd"); // 7 days after 17 Dec
    expect(dueMilestone(deadline, "2026-12-25", undefined)).toBeUndefined(); // 8 days after
    expect(key(dueMilestone(deadline, "2027-01-04", undefined))).toBe("due-1wd");
    expect(key(dueMilestone(deadline, "2027-01-13", undefined))).toBe("missed"); // 7 days after 6 Jan
    expect(dueMilestone(deadline, "2027-01-14", undefined)).toBeUndefined();
    expect(key(dueMilestone(visit, "2027-01-07", undefined))).toBe("visit-90d");
    expect(dueMilestone(visit, "2027-01-08", undefined)).toBeUndefined();
  });

  it("takes a different catch-up window", () => {
    expect(key(dueMilestone(deadline, "2026-12-27", undefined, 10))).toBe("due-10wd");
    expect(dueMilestone(deadline, "2026-12-28", undefined, 10)).toBeUndefined();
    expect(dueMilestone(deadline, "2026-12-18", undefined, 0)).toBeUndefined();
    expect(key(dueMilestone(deadline, "2026-12-17", undefined, 0))).toBe("due-10wd");
  });
});

describe("sendingDay", () => {
  const at = (iso: string) => sendingDay(fixedClock(iso).now());

  it("sends nothing on a Saturday, a Sunday or a bank holiday, whatever the time", () => {
    for (const iso of [
      "2026-11-21T12:00:00Z",
      "2026-11-22T12:00:00Z",
      "2026-12-25T12:00:00Z",
      "2026-12-28T12:00:00Z",
      "2027-01-01T15:00:00Z",
      "2027-03-26T12:00:00Z",
      "2027-05-03T12:00:00Z",
    ]) {
      expect(at(iso), iso).toBeUndefined();
    }
  });

  it("sends from 09:00 London on a working day in winter (GMT)", () => {
    const clock = fixedClock("2026-11-20T08:59:59Z");
    expect(sendingDay(clock.now())).toBeUndefined();
    clock.set("2026-11-20T09:00:00Z");
    expect(sendingDay(clock.now())).toBe("2026-11-20");
    clock.set("2026-11-20T23:59:00Z");
    expect(sendingDay(clock.now())).toBe("2026-11-20");
  });

  it("sends from 08:00 UTC in summer (09:00 BST)", () => {
    expect(at("2026-07-01T07:59:59Z")).toBeUndefined();
    expect(at("2026-07-01T08:00:00Z")).toBe("2026-07-01");
  });

  it("follows the clock going back on Sun 25 Oct 2026", () => {
    expect(at("2026-10-23T08:30:00Z")).toBe("2026-10-23"); // Friday, BST: 09:30 London
    expect(at("2026-10-26T08:30:00Z")).toBeUndefined(); // Monday, GMT: 08:30 London
    expect(at("2026-10-26T09:00:00Z")).toBe("2026-10-26");
  });

  it("follows the clock going forward on Sun 28 Mar 2027, over Easter", () => {
    expect(at("2027-03-25T08:30:00Z")).toBeUndefined(); // Thursday, GMT: 08:30 London
    expect(at("2027-03-25T09:00:00Z")).toBe("2027-03-25");
    expect(at("2027-03-29T08:00:00Z")).toBeUndefined(); // Easter Monday, 09:00 BST
    expect(at("2027-03-30T07:59:00Z")).toBeUndefined(); // Tuesday, 08:59 BST
    expect(at("2027-03-30T08:30:00Z")).toBe("2027-03-30"); // 09:30 BST
  });

  it("reads the day in London, not UTC, late in a summer evening", () => {
    expect(at("2026-07-05T23:30:00Z")).toBeUndefined(); // Sunday in UTC, 00:30 Monday in London
    expect(at("2026-07-06T23:30:00Z")).toBeUndefined(); // Monday in UTC, 00:30 Tuesday in London
    expect(at("2026-12-07T23:30:00Z")).toBe("2026-12-07"); // winter: still Monday in London
  });

  it("takes the policy's send hour", () => {
    const early: ReminderPolicy = { ...DEFAULT_POLICY, sendHour: 7 };
    expect(sendingDay(fixedClock("2026-07-01T05:59:00Z").now(), early)).toBeUndefined();
    expect(sendingDay(fixedClock("2026-07-01T06:00:00Z").now(), early)).toBe("2026-07-01");
  });
});

describe("actionReminderOn: who hears when a reminder row is sent", () => {
  // Due Tue 10 Nov 2026: overdue reminders 11, 18, 25 Nov ...; the lead on 25 Nov (more than 14 days).
  const action = { dueOn: "2026-11-10" };

  it("on its own day, as scheduled", () => {
    expect(actionReminderOn(action, "2026-11-18", "2026-11-18")).toEqual({ on: "2026-11-18", toOwner: true, toLead: false });
    expect(actionReminderOn(action, "2026-11-25", "2026-11-25")).toEqual({ on: "2026-11-25", toOwner: true, toLead: true });
  });

  it("catches up on days missed while nothing ran: the lead still hears once", () => {
    expect(actionReminderOn(action, "2026-11-18", "2026-12-01")).toEqual({ on: "2026-11-18", toOwner: true, toLead: true });
  });

  it("keeps the owner quiet while snoozed, but not the lead", () => {
    expect(actionReminderOn({ ...action, snoozedUntil: "2026-11-30" }, "2026-11-25", "2026-11-25")).toEqual({
      on: "2026-11-25",
      toOwner: false,
      toLead: true,
    });
  });

  it("a row not on the schedule is the end of a snooze, for the owner", () => {
    expect(actionReminderOn({ ...action, snoozedUntil: "2026-11-20" }, "2026-11-20", "2026-11-20")).toEqual({
      on: "2026-11-20",
      toOwner: true,
      toLead: false,
    });
  });
});
