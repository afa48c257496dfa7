/**
 * An element assessment's row in Assessments (PartitionKey tenant|campaign, RowKey unit|ref; layout
 * in assessments.ts) read back, and where the units' rows lie. Row format only; no storage calls.
 */
import type { ElementAssessment } from "../domain/assessment.js";
import type { EvidenceLink } from "../domain/evidence.js";
import type { ElementStatus } from "../domain/workflow.js";
import type { RatingOrUnrated } from "../standard/index.js";
import { compositeKey, splitCompositeKey } from "./keys.js";
import { optionalText, text, type StoredEntity } from "./tables.js";

/**
 * Where units' keys lie: an encoded key part starts with "-", ".", a digit, a letter, "_" or "~"
 * and a hex digit, so every one sorts from "-" and before "~~", and "!" (audit) before them all.
 */
export const UNITS_FROM = "-";
export const UNITS_TO = "~~";

// "!" is never produced by encodeKeyPart, so no element's row key ends this way.
const COPY = "!campaign";

/** The row in a unit's key range that holds the campaign's copy (campaign-copies.ts). */
export function copyRowKey(unitId: string): string {
  return `${compositeKey(unitId)}|${COPY}`;
}

export function isCopyRow(rowKey: string | undefined): boolean {
  return (rowKey ?? "").endsWith(`|${COPY}`);
}

export function toAssessment(campaignId: string, e: StoredEntity): ElementAssessment {
  const [unitId = "", ref = ""] = splitCompositeKey(e.rowKey ?? "");
  return {
    campaignId,
    unitId,
    ref,
    rating: text(e.rating) as RatingOrUnrated,
    narrative: text(e.narrative),
    evidence: JSON.parse(text(e.evidence) || "[]") as EvidenceLink[],
    ownerId: optionalText(e.ownerId),
    ownerName: optionalText(e.ownerName),
    status: e.status ? (text(e.status) as ElementStatus) : undefined,
    submittedBy: optionalText(e.submittedBy),
    submittedByName: optionalText(e.submittedByName),
    reviewComment: optionalText(e.reviewComment),
    updatedBy: optionalText(e.updatedBy),
    updatedAt: optionalText(e.updatedAt),
    etag: e.etag,
  };
}
