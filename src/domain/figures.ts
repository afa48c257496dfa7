/**
 * A period's figure for a standard, as an owner types it on a card or a coordinator's file gives
 * it: the value (a percentage is 0 to 100), how many cases it came from, a comparator (a
 * family-group or national average, for 5.3.3) and a note. Checked against the standard and
 * the period (a period still in progress has no figure yet). Pure.
 */
import { cellNumber, FIGURE_LIMITS } from "./figure-cells.js";
import { currentPeriod, type Period } from "./periods.js";
import { ok, refuse, type Result } from "./refusal.js";
import type { Figure, ServiceStandard } from "./standards.js";
import { cleanLine } from "./typed-text.js";

export interface FigureDraft {
  /** As typed: "92", "92%", "12.5", "1,234"; a card's Input.Number may send a number. */
  readonly value: string | number;
  readonly count?: string | number;
  readonly comparator?: string | number;
  readonly note?: string;
}

const capital = (reason: string) => `${reason[0]!.toUpperCase()}${reason.slice(1)}.`;

/** `draft` as the figure of `standard` for `period`, checked; `now` decides whether the period has finished. */
export function checkFigure(standard: ServiceStandard, period: Period, draft: FigureDraft, now: Date): Result<Figure> {
  if (period.frequency !== standard.frequency)
    return refuse(
      "invalid-payload",
      `This standard is reported ${standard.frequency === "monthly" ? "monthly: choose a month" : "quarterly: choose a quarter, for example Q1 2026/27"}.`,
    );
  if (period.end >= currentPeriod(now, standard.frequency).start)
    return refuse("invalid-payload", `${period.label} has not finished yet, so its figure cannot be recorded.`);
  const as = (typed: string | number | undefined, what: "value" | "count" | "comparator") =>
    cellNumber(typeof typed === "number" ? String(typed) : (typed ?? ""), what, standard.measure);
  const value = as(draft.value, "value");
  if (value === undefined) return refuse("invalid-payload", "Please enter the figure for the period.");
  if (typeof value === "string") return refuse("invalid-payload", capital(value));
  const count = as(draft.count, "count");
  if (typeof count === "string") return refuse("invalid-payload", capital(count));
  const comparator = as(draft.comparator, "comparator");
  if (typeof comparator === "string") return refuse("invalid-payload", capital(comparator));
  const note = cleanLine(draft.note ?? "");
  if (note.length > FIGURE_LIMITS.noteChars)
    return refuse("text-too-long", `The note is too long (the most is ${FIGURE_LIMITS.noteChars} characters); it has ${note.length}.`);
  return ok({
    standardId: standard.id,
    periodId: period.id,
    value,
    ...(count !== undefined && { count }),
    ...(comparator !== undefined && { comparator }),
    ...(note && { note }),
  });
}

/** Only a figure's own fields: what is kept and compared (not the ETag, nor who recorded it, nor when). */
export function figureOnly(f: Figure): Figure {
  return {
    standardId: f.standardId,
    periodId: f.periodId,
    value: f.value,
    ...(f.count !== undefined && { count: f.count }),
    ...(f.comparator !== undefined && { comparator: f.comparator }),
    ...(f.note && { note: f.note }),
  };
}

/** Whether two figures say the same (a file imported again changes nothing). */
export function sameFigure(a: Figure, b: Figure): boolean {
  return a.value === b.value && a.count === b.count && a.comparator === b.comparator && (a.note ?? "") === (b.note ?? "");
}
