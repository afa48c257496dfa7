/** A person's morning reminders for the reminder card tests. */
import type { ReminderView } from "../../src/cards/index.js";
import type { ReminderItem } from "../../src/domain/reminders.js";

export const TODAY = "2027-01-05";

export type ActionItem = Extract<ReminderItem, { kind: "action" }>;

export const action = (id: string, title: string, refs: string[], dueOn: string, ownerName?: string): ActionItem => ({
  kind: "action",
  key: `a|${id}|${TODAY}${ownerName === undefined ? "" : "|lead"}`,
  id,
  title,
  refs,
  dueOn,
  ...(ownerName === undefined ? {} : { ownerName }),
});

/** Sam's morning: two overdue, three coming up, two overdue in the campaign Sam leads, unsubmitted elements, two certification dates. */
export const MIX: ReminderItem[] = [
  action("12", "Publish service standards for housing repairs", ["3.2.1"], "2027-01-04"),
  action("7", "Survey tenants about the new repairs line", ["1.2.1", "1.2.2"], "2026-12-22"),
  action("31", "Train front-line staff in plain English", ["4.1.2"], "2027-01-05"),
  action("40", "Agree complaint handling timescales", ["2.1.1"], "2027-01-06"),
  action("41", "Benchmark satisfaction with other councils", ["5.2.3"], "2027-02-15"),
  action("3", "Review complaint response times", ["5.2.3"], "2026-12-18", "Priya Shah"),
  action("9", 'Publish the "You said, we did" page', ["1.3.1"], "2026-12-21", "Dan O'Neill"),
  {
    kind: "elements",
    key: "e|ar-2027|due-3wd",
    campaignId: "ar-2027",
    campaignName: "CSE annual review 2027",
    dueOn: "2027-01-12",
    picks: ["housing 3.2.1", "housing 3.2.2", "council 4.1.2"],
    count: 5,
  },
  {
    kind: "date",
    key: "d|council|annual-review-1|evidence-90d|2027-03-19",
    scopeName: "Whole council",
    label: "Evidence due for annual review, year 1",
    on: "2027-03-19",
  },
  {
    kind: "date",
    key: "d|council|annual-review-1|visit-90d|2027-04-02",
    scopeName: "Whole council",
    label: "Annual review, year 1",
    on: "2027-04-02",
  },
];

export const view = (items: readonly ReminderItem[], fields: Partial<ReminderView> = {}): ReminderView => ({
  name: "Sam Patel",
  day: TODAY,
  today: TODAY,
  items,
  ...fields,
});

export type FigureItem = Extract<ReminderItem, { kind: "figure" }>;

/** A figure the reader owes for a standard's last period, as the reminder job writes it. */
export const figure = (standardId: string, promise: string, periodId: string, dueOn: string): FigureItem => ({
  kind: "figure",
  key: `f|${standardId}|${periodId}|open`,
  standardId,
  promise,
  periodId,
  dueOn,
});

/** Ahmed owes December's phone figure (due 15 Jan) and Q2's letters figure (overdue since 15 Oct). */
export const FIGURES: FigureItem[] = [
  figure("phone-wait-1a2b3c", "We will answer your call in an average of no more than 3 minutes", "2026-12", "2027-01-15"),
  figure("letters-4d5e6f", "We will answer your letter within ten working days", "2026/27-Q2", "2026-10-14"),
];

/** A coordinator's line: three standards overdue, two of them named. */
export const UNREPORTED: Extract<ReminderItem, { kind: "unreported" }> = {
  kind: "unreported",
  key: `u|${TODAY}`,
  picks: [
    { promise: "We will answer your letter within ten working days", ownerName: "Priya Shah" },
    { promise: "We will reply to your email within five working days", ownerName: "Dan O'Neill" },
  ],
  count: 3,
};
