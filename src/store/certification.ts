/**
 * Certification calendars, one per council or separately certified unit, and the audit of every
 * change to them. Both live in the tenant's partition of the Tenants table (RowKey
 * "calendar|<scope>", audit under "!audit|calendar|<scope>|"), so a change and its audit entry
 * are one transaction.
 */
import { randomUUID } from "node:crypto";
import type { TransactionAction } from "@azure/data-tables";
import { COUNCIL_SCOPE, EVIDENCE_LEAD, VISITS, type CertificationSettings, type VisitKind } from "../domain/certification.js";
import { decodeKeyPart, encodeKeyPart, newestFirst } from "./keys.js";
import { text, type StoredEntity, type Tables } from "./tables.js";

/** A change to a calendar, for its audit trail: `from` and `to` describe the whole calendar. */
export interface CertificationChange {
  readonly scopeId: string;
  readonly from: string;
  readonly to: string;
  readonly byId: string;
  readonly byName: string;
  readonly at: string;
}

const ROW_PREFIX = "calendar|";
const AUDIT_PREFIX = "!audit|calendar|";

export class CertificationStore {
  constructor(private readonly tables: Tables) {}

  async get(tenantId: string, scopeId: string): Promise<CertificationSettings | undefined> {
    const e = await this.tables.get("Tenants", encodeKeyPart(tenantId), ROW_PREFIX + encodeKeyPart(scopeId));
    return e && toSettings(tenantId, e);
  }

  /** Every calendar of the tenant: the whole council's first, then units by name. */
  async list(tenantId: string): Promise<CertificationSettings[]> {
    const rows = await this.tables.queryPartition("Tenants", encodeKeyPart(tenantId), ROW_PREFIX);
    return rows
      .map((e) => toSettings(tenantId, e))
      .sort(
        (a, b) => Number(b.scopeId === COUNCIL_SCOPE.id) - Number(a.scopeId === COUNCIL_SCOPE.id) || a.scopeName.localeCompare(b.scopeName),
      );
  }

  /**
   * Creates the calendar (no `settings.etag`) or replaces it if unchanged since read, with its
   * audit entry; ConcurrencyError (nothing written) when someone else got there first.
   */
  async save(settings: CertificationSettings, change: CertificationChange): Promise<CertificationSettings> {
    const partitionKey = encodeKeyPart(settings.tenantId);
    const entity = toEntity(settings);
    const actions: TransactionAction[] = [
      settings.etag === undefined ? ["create", entity] : ["update", entity, "Replace", { etag: settings.etag }],
      ["create", { partitionKey, rowKey: auditRowKey(change), ...change }],
    ];
    const result = await this.tables.transact("Tenants", actions);
    // Sub-responses come back in the order of the actions: the calendar's write is first.
    return { ...settings, etag: result.subResponses[0]?.etag };
  }

  /** A calendar's changes, newest first. */
  async history(tenantId: string, scopeId: string, limit = 50): Promise<CertificationChange[]> {
    const rows = await this.tables.queryPartition("Tenants", encodeKeyPart(tenantId), `${AUDIT_PREFIX}${encodeKeyPart(scopeId)}|`, limit);
    return rows.map((e) => ({ scopeId, from: text(e.from), to: text(e.to), byId: text(e.byId), byName: text(e.byName), at: text(e.at) }));
  }
}

function toEntity(s: CertificationSettings) {
  return {
    partitionKey: encodeKeyPart(s.tenantId),
    rowKey: ROW_PREFIX + encodeKeyPart(s.scopeId),
    scopeName: s.scopeName,
    certifiedOn: s.certifiedOn,
    leadDays: s.evidenceLeadWorkingDays,
    overrides: JSON.stringify(s.overrides ?? {}),
    updatedBy: s.updatedBy,
    updatedByName: s.updatedByName,
    updatedAt: s.updatedAt,
  };
}

function toSettings(tenantId: string, e: StoredEntity): CertificationSettings {
  const stored = JSON.parse(text(e.overrides) || "{}") as Record<string, unknown>;
  // Only known visits with a date; anything else in storage is ignored rather than trusted.
  const overrides: Partial<Record<VisitKind, string>> = {};
  for (const { kind } of VISITS) {
    const date = stored[kind];
    if (typeof date === "string") overrides[kind] = date;
  }
  return {
    tenantId,
    scopeId: decodeKeyPart((e.rowKey ?? "").slice(ROW_PREFIX.length)),
    scopeName: text(e.scopeName),
    certifiedOn: text(e.certifiedOn),
    evidenceLeadWorkingDays: Number(e.leadDays ?? EVIDENCE_LEAD.default),
    overrides,
    updatedBy: text(e.updatedBy),
    updatedByName: text(e.updatedByName),
    updatedAt: text(e.updatedAt),
    etag: e.etag,
  };
}

function auditRowKey(change: CertificationChange): string {
  return `${AUDIT_PREFIX}${encodeKeyPart(change.scopeId)}|${newestFirst(change.at)}|${randomUUID().slice(0, 8)}`;
}
