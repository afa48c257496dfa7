/**
 * Element assessments. PartitionKey: tenant|campaign, so a whole campaign is one partition query;
 * RowKey: unit|ref. Every write carries the ETag it was based on. Each unit's range also holds a
 * copy of the campaign (campaign-copies.ts).
 */
import { randomUUID } from "node:crypto";
import type { TransactionAction } from "@azure/data-tables";
import type { ElementAssessment } from "../domain/assessment.js";
import type { Campaign } from "../domain/campaign.js";
import type { AuditEntry, AuditField } from "../domain/audit.js";
import type { StoredReport } from "./action-rows.js";
import { isCopyRow, toAssessment, UNITS_FROM, UNITS_TO } from "./assessment-rows.js";
import { copiedCampaign, copiedReport } from "./campaign-copies.js";
import { copiedRelated, type CouncilRelated } from "./council-related.js";
import { copiedLastCycle, type CarriedLastCycle } from "./copy-last-cycle.js";
import { compositeKey, newestFirst } from "./keys.js";
import { text, type Tables } from "./tables.js";

/** A unit's assessments with what its copy of the campaign holds (see readUnit). */
export interface UnitRead {
  readonly assessments: Map<string, ElementAssessment>;
  readonly campaign?: Campaign;
  /** The campaign's imported assessor report; null when it has none. */
  readonly report?: StoredReport | null;
  /** The council's actions by element and its standards with their newest figures. */
  readonly related?: CouncilRelated;
  /** The unit's assessments in the finished campaign this one follows; null when there are none to show. */
  readonly lastCycle?: CarriedLastCycle | null;
}

export class AssessmentStore {
  constructor(private readonly tables: Tables) {}

  async get(tenantId: string, campaignId: string, unitId: string, ref: string): Promise<ElementAssessment | undefined> {
    const e = await this.tables.get("Assessments", compositeKey(tenantId, campaignId), compositeKey(unitId, ref));
    return e && toAssessment(campaignId, e);
  }

  /** All of a unit's assessments in a campaign, by element ref: one partition query. */
  async listForUnit(tenantId: string, campaignId: string, unitId: string): Promise<Map<string, ElementAssessment>> {
    return (await this.readUnit(tenantId, campaignId, unitId)).assessments;
  }

  /**
   * A unit's assessments and the campaign as copied beside them (campaign-copies.ts), with what
   * the copy carries: its imported assessor report (null: none), the council's actions and
   * standards, and last cycle's assessments of the unit (null: none), in one range query; each is
   * missing when the copy does not say (read the record then).
   */
  async readUnit(tenantId: string, campaignId: string, unitId: string): Promise<UnitRead> {
    const rows = await this.tables.queryPartition("Assessments", compositeKey(tenantId, campaignId), compositeKey(unitId) + "|");
    const copy = rows.find((e) => isCopyRow(e.rowKey));
    const assessments = new Map(
      rows
        .filter((e) => e !== copy)
        .map((e) => toAssessment(campaignId, e))
        .map((a) => [a.ref, a]),
    );
    const report = copy && copiedReport(copy);
    const related = copy && copiedRelated(copy);
    const lastCycle = copy && copiedLastCycle(copy);
    return {
      assessments,
      ...(copy && { campaign: copiedCampaign(tenantId, campaignId, copy) }),
      ...(report !== undefined && { report }),
      ...(related && { related }),
      ...(lastCycle !== undefined && { lastCycle }),
    };
  }

  /**
   * Saves `next` if the stored copy still has `next.etag` (or does not exist yet when it has
   * none), together with its audit entries, in one transaction: both or neither are stored.
   * Throws ConcurrencyError when someone else saved first.
   */
  async save(tenantId: string, next: ElementAssessment, audit: readonly AuditEntry[] = []): Promise<ElementAssessment> {
    const [saved] = await this.saveAll(tenantId, [{ next, audit }]);
    return saved!;
  }

  /**
   * Saves several elements of one campaign, each with its audit entries, in one transaction:
   * all or nothing (at most 100 writes, so a criterion at a time). ConcurrencyError if any
   * element changed since it was read.
   */
  async saveAll(
    tenantId: string,
    items: readonly { next: ElementAssessment; audit: readonly AuditEntry[] }[],
  ): Promise<ElementAssessment[]> {
    const perItem = items.map(({ next, audit }) => this.writes(tenantId, next, audit));
    const actions = perItem.flat();
    if (actions.length > 100) throw new Error(`A transaction holds at most 100 writes; this one has ${actions.length}`);
    const result = await this.tables.transact("Assessments", actions);
    // Sub-responses come back in the order of the actions: each element's write leads its group.
    let at = 0;
    return items.map(({ next }, i) => {
      const etag = result.subResponses[at]?.etag;
      at += perItem[i]!.length;
      return { ...next, etag };
    });
  }

  private writes(tenantId: string, next: ElementAssessment, audit: readonly AuditEntry[]): TransactionAction[] {
    const partitionKey = compositeKey(tenantId, next.campaignId);
    const rowKey = compositeKey(next.unitId, next.ref);
    const entity = {
      partitionKey,
      rowKey,
      rating: next.rating,
      narrative: next.narrative,
      evidence: JSON.stringify(next.evidence),
      ownerId: next.ownerId ?? "",
      ownerName: next.ownerName ?? "",
      status: next.status ?? "",
      submittedBy: next.submittedBy ?? "",
      submittedByName: next.submittedByName ?? "",
      reviewComment: next.reviewComment ?? "",
      updatedBy: next.updatedBy ?? "",
      updatedAt: next.updatedAt ?? "",
    };
    const write: TransactionAction = next.etag === undefined ? ["create", entity] : ["update", entity, "Replace", { etag: next.etag }];
    const saveId = randomUUID().slice(0, 8);
    return [
      write,
      ...audit.map((a, i): TransactionAction => ["create", { partitionKey, rowKey: auditRowKey(a, saveId, i), ...auditColumns(a) }]),
    ];
  }

  /**
   * Every element of every unit in a campaign, for owners' and coordinators' views: one range
   * query over the units' keys, leaving out the audit trail (which grows with every save).
   */
  async listForCampaign(tenantId: string, campaignId: string): Promise<ElementAssessment[]> {
    const rows = await this.tables.queryRange("Assessments", compositeKey(tenantId, campaignId), UNITS_FROM, UNITS_TO);
    return rows.filter((e) => !isCopyRow(e.rowKey)).map((e) => toAssessment(campaignId, e));
  }

  /** An element's audit trail, newest first: one prefix query. */
  async history(tenantId: string, campaignId: string, unitId: string, ref: string, limit = 50): Promise<AuditEntry[]> {
    const rows = await this.tables.queryPartition(
      "Assessments",
      compositeKey(tenantId, campaignId),
      `${AUDIT_PREFIX}${compositeKey(unitId, ref)}|`,
      limit,
    );
    return rows.map((e) => ({
      campaignId,
      unitId,
      ref,
      field: text(e.field) as AuditField,
      from: text(e.from),
      to: text(e.to),
      byId: text(e.byId),
      byName: text(e.byName),
      at: text(e.at),
      ...(e.via ? { via: text(e.via) } : {}),
    }));
  }
}

/** Audit rows share the assessments' partition (so one transaction covers both) under a prefix
 * that encoded keys never start with ("!" is never produced by encodeKeyPart). */
const AUDIT_PREFIX = "!audit|";
function auditRowKey(a: AuditEntry, saveId: string, index: number): string {
  // Inverted time sorts newest first; one save's entries stay together, the last given first
  // (entries are given in the order the changes happened).
  const inverted = newestFirst(a.at);
  return `${AUDIT_PREFIX}${compositeKey(a.unitId, a.ref)}|${inverted}|${saveId}|${String(99 - index).padStart(2, "0")}`;
}

function auditColumns(a: AuditEntry) {
  return { field: a.field, from: a.from, to: a.to, byId: a.byId, byName: a.byName, at: a.at, ...(a.via ? { via: a.via } : {}) };
}
