/** Certification calendars for the dates card tests: settings as stored, and the card's view of them. */
import { daysBetween } from "../../src/domain/calendar.js";
import { visitsOf, type CertificationSettings } from "../../src/domain/certification.js";
import type { DatesView } from "../../src/services/certification.js";

export const TODAY = "2026-11-22";

export function settings(scopeId: string, scopeName: string, fields: Partial<CertificationSettings> = {}): CertificationSettings {
  return {
    tenantId: "t",
    scopeId,
    scopeName,
    certifiedOn: "2026-03-14",
    evidenceLeadWorkingDays: 10,
    overrides: {},
    updatedBy: "u",
    updatedByName: "Cora Coordinator",
    updatedAt: "2026-11-20T10:00:00Z",
    ...fields,
  };
}

export function view(calendars: CertificationSettings[], fields: Partial<DatesView> = {}): DatesView {
  return {
    today: TODAY,
    calendars: calendars.map((s) => ({
      settings: s,
      visits: visitsOf(s).map((v) => ({ ...v, daysToGo: daysBetween(TODAY, v.date), evidenceDaysToGo: daysBetween(TODAY, v.evidenceDue) })),
    })),
    canEdit: true,
    scopes: [
      { id: "council", name: "Whole council" },
      ...calendars.filter((c) => c.scopeId !== "council").map((c) => ({ id: c.scopeId, name: c.scopeName })),
    ],
    ...fields,
  };
}
