/**
 * Element assessments. PartitionKey: tenant|campaign, so a whole campaign is one partition query;
 * RowKey: unit|ref. Every write carries the ETag it was based on.
 */
import type { ElementAssessment } from "../domain/assessment.js";
import type { EvidenceLink } from "../domain/evidence.js";
import type { RatingOrUnrated } from "../standard/index.js";
import { compositeKey, splitCompositeKey } from "./keys.js";
import type { StoredEntity, Tables } from "./tables.js";

export class AssessmentStore {
  constructor(private readonly tables: Tables) {}

  async get(tenantId: string, campaignId: string, unitId: string, ref: string): Promise<ElementAssessment | undefined> {
    const e = await this.tables.get("Assessments", compositeKey(tenantId, campaignId), compositeKey(unitId, ref));
    return e && toAssessment(campaignId, e);
  }

  /** All of a unit's assessments in a campaign, by element ref: one partition query. */
  async listForUnit(tenantId: string, campaignId: string, unitId: string): Promise<Map<string, ElementAssessment>> {
    const rows = await this.tables.queryPartition("Assessments", compositeKey(tenantId, campaignId), compositeKey(unitId) + "|");
    return new Map(rows.map((e) => toAssessment(campaignId, e)).map((a) => [a.ref, a]));
  }

  /** Saves `next` if the stored copy still has `next.etag`; throws ConcurrencyError otherwise. */
  async save(tenantId: string, next: ElementAssessment): Promise<ElementAssessment> {
    const etag = await this.tables.save(
      "Assessments",
      {
        partitionKey: compositeKey(tenantId, next.campaignId),
        rowKey: compositeKey(next.unitId, next.ref),
        rating: next.rating,
        narrative: next.narrative,
        evidence: JSON.stringify(next.evidence),
        updatedBy: next.updatedBy ?? "",
        updatedAt: next.updatedAt ?? "",
      },
      next.etag,
    );
    return { ...next, etag };
  }
}

function toAssessment(campaignId: string, e: StoredEntity): ElementAssessment {
  const [unitId = "", ref = ""] = splitCompositeKey(e.rowKey ?? "");
  return {
    campaignId,
    unitId,
    ref,
    rating: String(e.rating) as RatingOrUnrated,
    narrative: String(e.narrative ?? ""),
    evidence: JSON.parse(String(e.evidence ?? "[]")) as EvidenceLink[],
    updatedBy: e.updatedBy ? String(e.updatedBy) : undefined,
    updatedAt: e.updatedAt ? String(e.updatedAt) : undefined,
    etag: e.etag,
  };
}
