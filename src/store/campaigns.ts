/** Campaigns and each tenant's active campaign. PartitionKey: tenant. */
import type { Campaign, CampaignStatus } from "../domain/campaign.js";
import { decodeKeyPart, encodeKeyPart } from "./keys.js";
import { AlreadyExistsError, type StoredEntity, type Tables } from "./tables.js";

const ACTIVE_ROW = "active-campaign";

export class CampaignStore {
  constructor(private readonly tables: Tables) {}

  async get(tenantId: string, campaignId: string): Promise<Campaign | undefined> {
    const e = await this.tables.get("Campaigns", encodeKeyPart(tenantId), encodeKeyPart(campaignId));
    return e && toCampaign(tenantId, e);
  }

  async list(tenantId: string): Promise<Campaign[]> {
    const rows = await this.tables.queryPartition("Campaigns", encodeKeyPart(tenantId));
    return rows.map((e) => toCampaign(tenantId, e));
  }

  /** Creates the campaign, or returns the one already stored under its id (safe to race). */
  async createOrGet(campaign: Campaign): Promise<Campaign> {
    try {
      const etag = await this.tables.create("Campaigns", {
        partitionKey: encodeKeyPart(campaign.tenantId),
        rowKey: encodeKeyPart(campaign.id),
        name: campaign.name,
        status: campaign.status,
        standardVersion: campaign.standardVersion,
        createdBy: campaign.createdBy,
        createdAt: campaign.createdAt,
      });
      return { ...campaign, etag };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.get(campaign.tenantId, campaign.id);
      if (!existing) throw error;
      return existing;
    }
  }

  async activeCampaignId(tenantId: string): Promise<string | undefined> {
    const e = await this.tables.get("Tenants", encodeKeyPart(tenantId), ACTIVE_ROW);
    return typeof e?.campaignId === "string" ? e.campaignId : undefined;
  }

  /** Sets the active campaign only if none is set yet; returns whichever is active afterwards. */
  async setActiveIfNone(tenantId: string, campaignId: string): Promise<string> {
    try {
      await this.tables.create("Tenants", { partitionKey: encodeKeyPart(tenantId), rowKey: ACTIVE_ROW, campaignId });
      return campaignId;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      return (await this.activeCampaignId(tenantId)) ?? campaignId;
    }
  }
}

function toCampaign(tenantId: string, e: StoredEntity): Campaign {
  return {
    tenantId,
    id: decodeKeyPart(e.rowKey ?? ""),
    name: String(e.name),
    status: e.status as CampaignStatus,
    standardVersion: String(e.standardVersion),
    createdBy: String(e.createdBy),
    createdAt: String(e.createdAt),
    etag: e.etag,
  };
}

