/** A campaign: one run of self-assessment for a council. Later issues add types, units and lifecycle. Pure. */
import { STANDARD_VERSION } from "../standard/index.js";

export type CampaignStatus = "draft" | "open" | "in-review" | "signed-off" | "archived";

export interface Campaign {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly status: CampaignStatus;
  readonly standardVersion: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly etag?: string;
}

export function defaultCampaign(tenantId: string, id: string, createdBy: string, at: Date): Campaign {
  return {
    tenantId,
    id,
    name: `CSE self-assessment ${at.getUTCFullYear()}`,
    status: "open",
    standardVersion: STANDARD_VERSION,
    createdBy,
    createdAt: at.toISOString(),
  };
}

export function acceptsEdits(campaign: Campaign): boolean {
  return campaign.status === "open" || campaign.status === "draft";
}
