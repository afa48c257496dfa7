/**
 * A council's certification calendar, per council or per separately certified unit: the date it
 * was certified, the two annual reviews and the three-year reassessment (from
 * certificationCalendar unless a coordinator set a visit's date by hand), and when the evidence
 * is due before each visit. Pure.
 */
import { COUNCIL_WIDE } from "./campaign.js";
import { addMonths, addWorkingDays, certificationCalendar, formatLondonDay, isIsoDate, type IsoDate } from "./calendar.js";
import { ok, refuse, type Result } from "./refusal.js";

export const VISITS = [
  { kind: "annual-review-1", label: "Annual review, year 1", months: 12 },
  { kind: "annual-review-2", label: "Annual review, year 2", months: 24 },
  { kind: "reassessment", label: "Three-year reassessment", months: 36 },
] as const;
export type VisitKind = (typeof VISITS)[number]["kind"];

/** The whole council's calendar; units certified separately have their own, keyed by unit id. */
export const COUNCIL_SCOPE = { id: COUNCIL_WIDE.id, name: COUNCIL_WIDE.name } as const;

export const EVIDENCE_LEAD = { default: 10, min: 0, max: 60 } as const;

export interface CertificationSettings {
  readonly tenantId: string;
  /** "council", or the id of a unit certified separately. */
  readonly scopeId: string;
  readonly scopeName: string;
  readonly certifiedOn: IsoDate;
  readonly evidenceLeadWorkingDays: number;
  /** Visit dates a coordinator set by hand (the assessor's booking), instead of the defaults. */
  readonly overrides?: Readonly<Partial<Record<VisitKind, IsoDate>>>;
  readonly updatedBy: string;
  readonly updatedByName: string;
  readonly updatedAt: string;
  readonly etag?: string;
}

export interface Visit {
  readonly kind: VisitKind;
  readonly label: string;
  readonly date: IsoDate;
  readonly evidenceDue: IsoDate;
  /** The date was set by hand rather than following from the certification date. */
  readonly overridden: boolean;
}

type CalendarPart = Pick<CertificationSettings, "certifiedOn" | "evidenceLeadWorkingDays" | "overrides">;

/** The three visits, in order, with hand-set dates applied and their evidence deadlines recomputed. */
export function visitsOf(settings: CalendarPart): Visit[] {
  const defaults = certificationCalendar(settings.certifiedOn, settings.evidenceLeadWorkingDays).visits;
  return VISITS.map(({ kind, label }, i) => {
    const own = settings.overrides?.[kind];
    const base = defaults[i]!;
    if (own === undefined || own === base.date) return { kind, label, date: base.date, evidenceDue: base.evidenceDue, overridden: false };
    return { kind, label, date: own, evidenceDue: addWorkingDays(own, -settings.evidenceLeadWorkingDays), overridden: true };
  });
}

/** What a coordinator typed into the dates form, as it arrived. Empty visit dates mean "the default". */
export interface CertificationDraft {
  readonly scopeId: string;
  readonly certifiedOn: string;
  readonly leadDays: string;
  readonly overrides: Readonly<Partial<Record<VisitKind, string>>>;
}

export type CheckedCalendar = Required<CalendarPart>;

const EARLIEST = "2000-01-01";
const LATEST = "2099-12-31";

/** Checks a draft against the rules; `today` is YYYY-MM-DD in London. */
export function validateCertificationDraft(draft: CertificationDraft, today: IsoDate): Result<CheckedCalendar> {
  const certifiedOn = draft.certifiedOn.trim();
  if (certifiedOn === "")
    return refuse(
      "invalid-payload",
      "Please enter the date your council was certified (the date on the certificate or the assessor's report).",
    );
  if (!isIsoDate(certifiedOn) || certifiedOn < EARLIEST)
    return refuse("invalid-payload", "The certification date is not a real date. Please pick it from the calendar.");
  if (certifiedOn > today)
    return refuse(
      "invalid-payload",
      `The certification date (${formatLondonDay(certifiedOn)}) is in the future. Enter the date you were certified, not a planned one.`,
    );

  const lead = draft.leadDays.trim();
  const leadDays = lead === "" ? EVIDENCE_LEAD.default : Number(lead);
  if (!/^\d*$/.test(lead) || leadDays < EVIDENCE_LEAD.min || leadDays > EVIDENCE_LEAD.max) {
    return refuse(
      "invalid-payload",
      `The evidence lead time must be a whole number of working days from ${EVIDENCE_LEAD.min} to ${EVIDENCE_LEAD.max} (${EVIDENCE_LEAD.default} is usual).`,
    );
  }

  const overrides: Partial<Record<VisitKind, IsoDate>> = {};
  for (const { kind, label } of VISITS) {
    const value = (draft.overrides[kind] ?? "").trim();
    if (value === "") continue;
    if (!isIsoDate(value) || value > LATEST)
      return refuse(
        "invalid-payload",
        `The date for the ${lower(label)} is not a real date. Please pick it from the calendar, or leave it empty.`,
      );
    overrides[kind] = value;
  }
  // Checked on the dates that will apply, so a hand-set visit cannot jump past a default one.
  const visits = visitsOf({ certifiedOn, evidenceLeadWorkingDays: leadDays, overrides });
  let previous = { label: "certification date", date: certifiedOn };
  for (const visit of visits) {
    if (visit.date <= previous.date) {
      return refuse(
        "invalid-payload",
        `The ${lower(visit.label)} (${formatLondonDay(visit.date)}) must come after the ${lower(previous.label)} (${formatLondonDay(previous.date)}). Please check the dates.`,
      );
    }
    previous = visit;
  }
  // Only dates that differ from the defaults are kept, so later changes to the certification date move the rest.
  const kept = Object.fromEntries(visits.filter((v) => v.overridden).map((v) => [v.kind, v.date])) as Partial<Record<VisitKind, IsoDate>>;
  return ok({ certifiedOn, evidenceLeadWorkingDays: leadDays, overrides: kept });
}

/** One line for the audit trail: what the calendar said. */
export function describeCalendar(c: CalendarPart): string {
  const own = VISITS.filter((v) => c.overrides?.[v.kind]).map((v) => `${lower(v.label)} on ${c.overrides![v.kind]}`);
  return [`certified ${c.certifiedOn}`, `evidence ${c.evidenceLeadWorkingDays} working days before`, ...own].join("; ");
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** What an assessor report says about the cycle, as far as a calendar needs it. */
export interface ReportDates {
  readonly reportType?: string;
  readonly assessmentDate?: IsoDate;
  /** The visits the report schedules next, with month YYYY-MM. */
  readonly nextReviews: readonly { readonly label: string; readonly month: string }[];
}

export interface ProposedCalendar {
  readonly certifiedOn: IsoDate;
  /** Why this date, in words: "the report's visit was annual review, year 2". */
  readonly basis: string;
  readonly visits: readonly Visit[];
  /** Where the report expects a visit in another month than the calendar puts it. */
  readonly differences: readonly string[];
}

const MONTH_NAME = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

/**
 * The certification date a report implies: its own visit's date, less 12 months per year into
 * the cycle. Where the report is in its cycle comes from the first visit it schedules next
 * ("Annual Review Year 1" follows a (re)certification), else from its own title.
 */
export function proposeCalendar(report: ReportDates): ProposedCalendar | undefined {
  const assessed = report.assessmentDate;
  if (!assessed) return undefined;
  const year = yearInCycle(report);
  if (year === undefined) return undefined;
  const certifiedOn = addMonths(assessed, -12 * year);
  const visits = visitsOf({ certifiedOn, evidenceLeadWorkingDays: EVIDENCE_LEAD.default });
  const ahead = visits.filter((v) => v.date > assessed);
  const differences = ahead.flatMap((visit, i) => {
    const expected = report.nextReviews[i];
    if (!expected || expected.month === visit.date.slice(0, 7)) return [];
    return [
      `The report expects the ${lower(visit.label)} in ${MONTH_NAME.format(new Date(`${expected.month}-01T00:00:00Z`))}; the calendar would put it on ${formatLondonDay(visit.date)}.`,
    ];
  });
  const basis =
    year === 0
      ? `the report's visit (${formatLondonDay(assessed)}) was a certification`
      : `the report's visit (${formatLondonDay(assessed)}) was the ${lower(VISITS[year - 1]!.label)}`;
  return { certifiedOn, basis, visits, differences };
}

/** 0 for a certification or reassessment, 1 or 2 for an annual review. */
function yearInCycle(report: ReportDates): number | undefined {
  const next = report.nextReviews[0]?.label ?? "";
  if (/year\s*1\b/i.test(next)) return 0;
  if (/year\s*2\b/i.test(next)) return 1;
  if (/full|3.year|re-?assess|re-?certif/i.test(next)) return 2;
  const own = /annual\s+review,?\s+year\s*([12])\b/i.exec(report.reportType ?? "");
  if (own) return Number(own[1]);
  if (/full|re-?assess|certification|initial/i.test(report.reportType ?? "")) return 0;
  return undefined;
}
