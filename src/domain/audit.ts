/**
 * The audit trail: every change to an element (and later to status, assignments and roles)
 * with who made it, when, and the value before and after. Pure.
 */
import type { FieldChange } from "./assessment.js";

export type AuditField = FieldChange["field"];

export interface AuditEntry {
  readonly campaignId: string;
  readonly unitId: string;
  readonly ref: string;
  readonly field: AuditField;
  readonly from: string;
  readonly to: string;
  readonly byId: string;
  readonly byName: string;
  readonly at: string;
  /** How it came in, when not typed on the card: "from a Teams message". */
  readonly via?: string;
}

export interface AuditAuthor {
  readonly userId: string;
  readonly displayName: string;
}

export function auditEntries(
  changes: readonly FieldChange[],
  where: { campaignId: string; unitId: string; ref: string },
  by: AuditAuthor,
  at: Date,
): AuditEntry[] {
  return changes.map((c) => ({
    ...where,
    field: c.field,
    from: c.from,
    to: c.to,
    byId: by.userId,
    byName: by.displayName,
    at: at.toISOString(),
    ...(c.via ? { via: c.via } : {}),
  }));
}
