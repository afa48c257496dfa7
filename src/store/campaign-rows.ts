/**
 * How a campaign is laid out as a row: in Campaigns (PartitionKey tenant, RowKey campaign id) and
 * in its copies beside each unit's assessments (campaign-copies.ts). Row formats only; no storage calls.
 */
import { COUNCIL_WIDE, isCampaignType, type Campaign, type CampaignStatus, type Lead, type Unit } from "../domain/campaign.js";
import { encodeKeyPart } from "./keys.js";
import { optionalText, text, type StoredEntity } from "./tables.js";

/** The campaign's own columns, without keys. */
export function campaignColumns(c: Campaign) {
  return {
    name: c.name,
    type: c.type,
    status: c.status,
    units: JSON.stringify(c.units),
    dueDate: c.dueDate ?? "",
    leads: JSON.stringify(c.leads),
    previousCampaignId: c.previousCampaignId ?? "",
    standardVersion: c.standardVersion,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
  };
}

export function campaignEntity(c: Campaign) {
  return { partitionKey: encodeKeyPart(c.tenantId), rowKey: encodeKeyPart(c.id), ...campaignColumns(c) };
}

/** A campaign from its columns; `etag` is the Campaigns row's, which a later update is conditional on. */
export function toCampaign(tenantId: string, id: string, e: StoredEntity, etag: string | undefined): Campaign {
  const units = e.units ? (JSON.parse(text(e.units)) as Unit[]) : [];
  return {
    tenantId,
    id,
    name: text(e.name),
    // Campaigns stored before types and units existed read as whole-council full assessments.
    type: isCampaignType(e.type) ? e.type : "full-assessment",
    status: e.status as CampaignStatus,
    units: units.length > 0 ? units : [COUNCIL_WIDE],
    dueDate: optionalText(e.dueDate),
    leads: e.leads ? (JSON.parse(text(e.leads)) as Lead[]) : [],
    previousCampaignId: optionalText(e.previousCampaignId),
    standardVersion: text(e.standardVersion),
    createdBy: text(e.createdBy),
    createdAt: text(e.createdAt),
    etag,
  };
}
