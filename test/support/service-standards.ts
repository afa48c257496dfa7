/**
 * A council's service standards with a year or three of figures, for the tests of what is
 * published from them (the "How we are doing" page, its CSV, the matrix's Performance sheet):
 * a quarterly percentage missed twice running, a monthly average with a gap, comparators and
 * notes, one not published, one typed by someone hostile, and one with no figures yet.
 */
import { londonDay } from "../../src/domain/calendar.js";
import { periodsEndingWith, periodContaining } from "../../src/domain/periods.js";
import { standardRows, type StandardRow } from "../../src/domain/standards-report.js";
import type { Figure, ServiceStandard } from "../../src/domain/standards.js";

/** The last finished periods are Q2 2026/27 (July to September) and October 2026. */
export const NOW = new Date("2026-11-30T12:00:00Z");
export const TODAY = londonDay(NOW);

const owner = { userId: "u-priya", name: "Priya Shah" };

export const LETTERS: ServiceStandard = {
  id: "letters",
  promise: "We will answer your letter within ten working days",
  measure: { kind: "percentage" },
  target: { value: 90, better: "higher" },
  frequency: "quarterly",
  owner,
  published: true,
  refs: ["4.1.2", "5.3.2"],
};

export const PHONE_WAIT: ServiceStandard = {
  id: "phone-wait",
  promise: "We will answer your call in an average of no more than 3 minutes",
  measure: { kind: "average", unit: "minutes" },
  target: { value: 3, better: "lower" },
  frequency: "monthly",
  owner,
  published: true,
  refs: ["5.1.2", "5.3.3"],
  unit: { id: "contact-centre", name: "Contact Centre" },
};

export const INTERNAL: ServiceStandard = {
  id: "internal",
  promise: "Internal only: complaints logged within one working day",
  measure: { kind: "percentage" },
  target: { value: 95, better: "higher" },
  frequency: "monthly",
  owner,
  published: false,
  refs: ["1.3.4"],
};

export const HOSTILE_PROMISE = `<script>alert(1)</script> & "quotes"`;
export const HOSTILE_NOTE = "**Bold** [click](javascript:alert(1)) <img src=x onerror=alert(1)>\u0007\u001b[31m red";
export const FORMULA_NOTE = '=HYPERLINK("http://x","y")';

export const HOSTILE: ServiceStandard = {
  id: "hostile",
  promise: HOSTILE_PROMISE,
  measure: { kind: "count", unit: "visits <b>" },
  target: { value: 100, better: "higher" },
  frequency: "quarterly",
  owner,
  published: true,
  refs: ["4.1.2"],
  unit: { id: "u", name: "<i>Planning</i> & Building" },
};

export const EMAILS: ServiceStandard = {
  id: "emails",
  promise: "We will reply to your email within five working days",
  measure: { kind: "percentage" },
  target: { value: 85, better: "higher" },
  frequency: "quarterly",
  owner,
  published: true,
  refs: ["4.1.2"],
};

export const STANDARDS = [LETTERS, PHONE_WAIT, INTERNAL, HOSTILE, EMAILS];

/** Whose standards the figure-import tests (in a chat and on the command line) fill from files. */
export const OLU = { userId: "user-olu", name: "Olu Officer" };

/** The figure-import tests' quarterly percentage. */
export const IMPORTED_LETTERS: ServiceStandard = { ...LETTERS, owner: OLU, refs: ["4.1.2"] };

/** The figure-import tests' monthly average. */
export const IMPORTED_CALLS: ServiceStandard = {
  id: "calls",
  promise: "We will answer your call in an average of no more than 3 minutes",
  measure: { kind: "average", unit: "minutes" },
  target: { value: 3, better: "lower" },
  frequency: "monthly",
  owner: OLU,
  published: true,
  refs: ["5.1.2"],
};

const quarters = periodsEndingWith(periodContaining("2026-09-30", "quarterly"), 12);
const months = periodsEndingWith(periodContaining("2026-10-31", "monthly"), 12);

/** Letters: missed in Q4 2024/25, then the last two quarters (86%, 88%). */
const letters = [91, 93, 92.5, 94, 90, 89, 91, 92, 93, 90, 86, 88];
/** Phone wait: August 2026 not reported; over 3 minutes in January and February 2026. */
const phoneWait = [2.4, 2.8, 3.6, 3.2, 2.9, 2.5, 2.1, 2.6, 2.2, undefined, 2.7, 2.3];
const phoneNotes: Record<number, string> = {
  2: "Two vacancies in the contact centre",
  3: "Storm Éowyn: calls about bins\nand road closures",
};

export const FIGURES: Figure[] = [
  ...quarters.map((p, i) => ({ standardId: LETTERS.id, periodId: p.id, value: letters[i]!, count: 400 + i * 10 })),
  ...months.flatMap((p, i) => {
    const value = phoneWait[i];
    if (value === undefined) return [];
    const note = phoneNotes[i];
    return [{ standardId: PHONE_WAIT.id, periodId: p.id, value, comparator: 3.1, ...(note ? { note } : {}) }];
  }),
  ...months.map((p) => ({ standardId: INTERNAL.id, periodId: p.id, value: 97 })),
  { standardId: HOSTILE.id, periodId: quarters[10]!.id, value: 120, note: HOSTILE_NOTE },
  { standardId: HOSTILE.id, periodId: quarters[11]!.id, value: 80, note: FORMULA_NOTE },
];

/** The rows in the fixture's own order (standardRows lists them by promise), so tests can take them by position. */
export function fixtureRows(): StandardRow[] {
  const order = STANDARDS.map((s) => s.id);
  return standardRows(STANDARDS, FIGURES, NOW).sort((a, b) => order.indexOf(a.standard.id) - order.indexOf(b.standard.id));
}
