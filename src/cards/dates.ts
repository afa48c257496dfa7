/** The certification calendar card: each calendar's visits and evidence deadlines; a form for coordinators. */
import { formatLondonDay, relativeDays } from "../domain/calendar.js";
import { COUNCIL_SCOPE, EVIDENCE_LEAD, type CertificationDraft } from "../domain/certification.js";
import type { CalendarView, DatesView, VisitView } from "../services/certification.js";
import { formatDay, shorten } from "./format.js";
import { plainText } from "./markdown.js";
import { renderCard, type AdaptiveCard } from "./render.js";

export interface DatesCardOptions {
  /** Whose dates fill the form (the whole council unless a coordinator chose another). */
  readonly formScope?: string;
  /** Shown instead of the form and buttons, when they could not be used here (card actions run only in a one-to-one chat). */
  readonly readOnlyNote?: string;
}

/** Enough for a council and its separately certified units, within Teams' 28 KB. */
const SHOWN = 8;
const NAME_CHARS = 60;
/** Evidence deadlines this close are shown in the warning colour. */
const SOON_DAYS = 14;

export function datesCard(view: DatesView, opts: DatesCardOptions = {}): AdaptiveCard {
  const canEdit = view.canEdit && opts.readOnlyNote === undefined;
  const asked = view.draft?.scopeId ?? opts.formScope;
  const formScope = view.scopes.some((s) => s.id === asked) ? asked! : COUNCIL_SCOPE.id;
  const shown = view.calendars.slice(0, SHOWN);
  const chosen = view.calendars.find((c) => c.settings.scopeId === formScope);
  if (chosen && !shown.includes(chosen)) shown[shown.length - 1] = chosen;
  const hidden = view.calendars.length - shown.length;
  const notice = view.notice;
  return renderCard("dates", {
    intro: intro(view, canEdit),
    notice: plainText(notice?.text ?? "", 300),
    noticeStyle: notice?.tone === "good" ? "good" : notice?.tone === "warning" ? "warning" : "attention",
    noticeColor: notice?.tone === "good" ? "Good" : notice?.tone === "warning" ? "Warning" : "Attention",
    calendars: shown.map((c) => calendarData(c)),
    hiddenText:
      hidden > 0
        ? `${hidden} more ${hidden === 1 ? "calendar is" : "calendars are"} not shown.${canEdit ? " Choose one below to see its dates." : ""}`
        : "",
    note: opts.readOnlyNote ?? "",
    canEdit,
    formHelp:
      "Leave a visit's date empty to follow the certification date (moved to the next working day when it falls on a weekend or bank holiday). Set one only when your assessor has booked a different day.",
    scopes: view.scopes.map((s) => ({ id: s.id, name: shorten(s.name, NAME_CHARS) })),
    today: view.today,
    form: formValues(view, formScope, chosen),
  });
}

function intro(view: DatesView, canEdit: boolean): string {
  if (view.calendars.length > 0)
    return "Your assessor visits once a year: two annual reviews, then the three-year reassessment. Have the evidence ready by each deadline.";
  return canEdit
    ? "No certification date is set yet. Enter the date your council was certified below: the reviews and the reassessment follow from it."
    : "No certification date is set yet. Your CSE coordinator sets it: type roles to see who that is.";
}

function calendarData(c: CalendarView) {
  const s = c.settings;
  // The next visit to come is the one to prepare for: it stands out.
  const next = c.visits.find((v) => v.daysToGo >= 0);
  return {
    name: plainText(s.scopeName, NAME_CHARS),
    certified: `Certified ${formatLondonDay(s.certifiedOn)}. Evidence is due ${s.evidenceLeadWorkingDays} working ${s.evidenceLeadWorkingDays === 1 ? "day" : "days"} before each visit.`,
    changed: s.updatedAt ? `Last changed by ${plainText(s.updatedByName || "a coordinator", NAME_CHARS)} on ${formatDay(s.updatedAt)}` : "",
    visits: c.visits.map((v) => visitData(v, v === next)),
  };
}

function visitData(v: VisitView, next: boolean) {
  const set = v.overridden ? " (date set by hand)" : "";
  const evidencePassed = v.evidenceDaysToGo < 0;
  return {
    style: next ? "emphasis" : "default",
    visitLine: `**${v.label}**: ${formatLondonDay(v.date)}, ${relativeDays(v.daysToGo)}${set}`,
    evidenceLine: `Evidence ${evidencePassed ? "was due" : "due"} ${formatLondonDay(v.evidenceDue)}, ${relativeDays(v.evidenceDaysToGo)}`,
    evidenceColor: !evidencePassed && v.evidenceDaysToGo <= SOON_DAYS ? "Warning" : next && evidencePassed ? "Attention" : "Default",
  };
}

/** The form's values: what was typed (after a refusal), else the chosen calendar, else empty. */
function formValues(view: DatesView, scope: string, chosen: CalendarView | undefined) {
  const d: CertificationDraft | undefined = view.draft;
  if (d) {
    const lead = /^\d{1,3}$/.test(d.leadDays.trim()) ? Number(d.leadDays.trim()) : EVIDENCE_LEAD.default;
    return {
      scope,
      certified: date(d.certifiedOn),
      leadDays: lead,
      review1: date(d.overrides["annual-review-1"]),
      review2: date(d.overrides["annual-review-2"]),
      reassess: date(d.overrides.reassessment),
    };
  }
  const s = chosen?.settings;
  return {
    scope,
    certified: s?.certifiedOn ?? "",
    leadDays: s?.evidenceLeadWorkingDays ?? EVIDENCE_LEAD.default,
    review1: s?.overrides?.["annual-review-1"] ?? "",
    review2: s?.overrides?.["annual-review-2"] ?? "",
    reassess: s?.overrides?.reassessment ?? "",
  };
}

/** Only a date-shaped value goes back into a date input. */
function date(value: string | undefined): string {
  const v = (value ?? "").trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "";
}
