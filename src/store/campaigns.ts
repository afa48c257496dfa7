/**
 * Campaigns, their audit trail, and each tenant's active campaign. Campaigns: PartitionKey
 * tenant, RowKey campaign id; a campaign's audit rows share the partition (so a change and its
 * audit are one transaction) under "!audit|", which encoded keys never start with. Each campaign
 * is also copied beside its units' assessments (campaign-copies.ts), rewritten after every change.
 */
import { randomUUID } from "node:crypto";
import type { TransactionAction } from "@azure/data-tables";
import { isFinished, type Campaign } from "../domain/campaign.js";
import { finishSync, holdCopies, rewriteAllCopies, syncMarker, tenantCampaigns, type HeldCopies } from "./campaign-copies.js";
import { campaignEntity, toCampaign } from "./campaign-rows.js";
import { encodeKeyPart, newestFirst } from "./keys.js";
import { AlreadyExistsError, type Tables, text } from "./tables.js";

const ACTIVE_ROW = "active-campaign";
const AUDIT_PREFIX = "!audit|";

/** A change to a campaign itself (status, settings), for its audit trail. */
export interface CampaignChange {
  readonly campaignId: string;
  readonly field: "status" | "created" | "leads";
  readonly from: string;
  readonly to: string;
  readonly byId: string;
  readonly byName: string;
  readonly at: string;
}

export class CampaignStore {
  constructor(private readonly tables: Tables) {}

  async get(tenantId: string, campaignId: string): Promise<Campaign | undefined> {
    const e = await this.tables.get("Campaigns", encodeKeyPart(tenantId), encodeKeyPart(campaignId));
    return e && toCampaign(tenantId, campaignId, e, e.etag);
  }

  /** The tenant's campaigns, oldest first by id order. */
  async list(tenantId: string): Promise<Campaign[]> {
    return tenantCampaigns(this.tables, tenantId);
  }

  /** Creates the campaign, or returns the one already stored under its id (safe to race). */
  async createOrGet(campaign: Campaign, change?: CampaignChange): Promise<Campaign> {
    let stored: Campaign;
    let markerEtag: string | undefined;
    try {
      const actions: TransactionAction[] = [
        ["create", campaignEntity(campaign)],
        ["upsert", syncMarker(campaign.tenantId, campaign.id), "Replace"],
      ];
      if (change) actions.push(["create", auditEntity(campaign.tenantId, change)]);
      const result = await this.tables.transact("Campaigns", actions);
      stored = { ...campaign, etag: result.subResponses[0]?.etag };
      markerEtag = result.subResponses[1]?.etag;
    } catch (error) {
      const existing = await this.get(campaign.tenantId, campaign.id);
      if (!existing) throw error;
      return existing;
    }
    await finishSync(this.tables, stored, markerEtag);
    return stored;
  }

  /** Replaces the campaign if unchanged since read (`campaign.etag`), with its audit entry. */
  async update(campaign: Campaign, change: CampaignChange): Promise<Campaign> {
    const entity = campaignEntity(campaign);
    const result = await this.tables.transact("Campaigns", [
      ["update", entity, "Replace", { etag: campaign.etag }],
      ["upsert", syncMarker(campaign.tenantId, campaign.id), "Replace"],
      ["create", auditEntity(campaign.tenantId, change)],
    ]);
    // Sub-responses come back in the order of the actions: the campaign's write is first.
    const stored = { ...campaign, etag: result.subResponses[0]?.etag };
    await finishSync(this.tables, stored, result.subResponses[1]?.etag);
    // Finished, its assessments are final: the copies of the campaign that follows it carry them
    // from now on. When storage fails here they are read from its rows instead (copy-last-cycle.ts).
    if (isFinished(stored)) await rewriteAllCopies(this.tables, stored.tenantId).catch(() => undefined);
    return stored;
  }

  /** A campaign's own changes, newest first. */
  async history(tenantId: string, campaignId: string, limit = 50): Promise<CampaignChange[]> {
    const rows = await this.tables.queryPartition(
      "Campaigns",
      encodeKeyPart(tenantId),
      `${AUDIT_PREFIX}${encodeKeyPart(campaignId)}|`,
      limit,
    );
    return rows.map((e) => ({
      campaignId,
      field: text(e.field) as CampaignChange["field"],
      from: text(e.from),
      to: text(e.to),
      byId: text(e.byId),
      byName: text(e.byName),
      at: text(e.at),
    }));
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

  /**
   * Marks the copies of every campaign of the tenant before a change of many writes to what they
   * all carry (actions, standards, figures), passed to each write; `finish` once it is done.
   */
  async holdCopies(tenantId: string): Promise<HeldCopies> {
    return holdCopies(this.tables, tenantId);
  }

  /** Makes `campaignId` the one people without a campaign of their own start in. */
  async setActive(tenantId: string, campaignId: string): Promise<void> {
    await this.tables.upsert("Tenants", { partitionKey: encodeKeyPart(tenantId), rowKey: ACTIVE_ROW, campaignId });
  }
}

function auditEntity(tenantId: string, change: CampaignChange) {
  const inverted = newestFirst(change.at);
  return {
    partitionKey: encodeKeyPart(tenantId),
    rowKey: `${AUDIT_PREFIX}${encodeKeyPart(change.campaignId)}|${inverted}|${randomUUID().slice(0, 8)}`,
    ...change,
  };
}
