/**
 * Campaigns as a coordinator runs them: set one up, move it through its lifecycle, start the
 * next cycle from the last one; and, for everyone, choose which campaign they are working in.
 * Every action is checked here, on the server. No Teams SDK.
 */
import { randomUUID } from "node:crypto";
import {
  canMove,
  isCouncilWide,
  nextCycleType,
  statusLabel,
  slug,
  typeLabel,
  validateCampaignDraft,
  type Campaign,
  type CampaignDraft,
  type CampaignStatus,
} from "../domain/campaign.js";
import { londonDay } from "../domain/calendar.js";
import type { Refusal } from "../domain/refusal.js";
import { can, type Role } from "../domain/roles.js";
import { STANDARD_VERSION } from "../standard/index.js";
import { ConcurrencyError } from "../store/index.js";
import type { CampaignChange } from "../store/campaigns.js";
import type { Actor } from "./views.js";
import { refused } from "./refused.js";
import { Service, type ServiceContext } from "./context.js";

export type CampaignOutcome =
  { readonly ok: true; readonly campaign: Campaign; readonly message: string } | { readonly ok: false; readonly refusal: Refusal };

const ONLY_COORDINATORS: Refusal = {
  code: "not-allowed",
  message: "Only a CSE coordinator can set up or change campaigns. Type roles to see who the coordinators are.",
};
const NOT_FOUND: Refusal = { code: "unknown-campaign", message: "That campaign is not in your organisation, so nothing was changed." };

export class CampaignService extends Service {
  constructor(context: ServiceContext) {
    super(context);
  }

  /** The tenant's campaigns, newest first, archived ones last. */
  async list(actor: Actor): Promise<Campaign[]> {
    const all = await this.stores.campaigns.list(actor.tenantId);
    return all.sort((a, b) => Number(a.status === "archived") - Number(b.status === "archived") || b.createdAt.localeCompare(a.createdAt));
  }

  async create(actor: Actor, draft: CampaignDraft, previous?: Campaign): Promise<CampaignOutcome> {
    if (!(await this.isCoordinator(actor))) return refused(this.log, actor, "create", ONLY_COORDINATORS);
    const checked = validateCampaignDraft(draft, londonDay(this.clock.now()));
    if (!checked.ok) return refused(this.log, actor, "create", checked.refusal);
    const now = this.clock.now();
    const campaign: Campaign = {
      ...checked.value,
      tenantId: actor.tenantId,
      // Short: campaign ids travel in every card action.
      id: `${slug(checked.value.name).slice(0, 24).replace(/-+$/, "") || "campaign"}-${randomUUID().slice(0, 6)}`,
      status: "draft",
      leads: previous?.leads.length ? previous.leads : [{ userId: actor.userId, name: actor.displayName }],
      previousCampaignId: previous?.id,
      standardVersion: STANDARD_VERSION,
      createdBy: actor.userId,
      createdAt: now.toISOString(),
    };
    const stored = await this.stores.campaigns.createOrGet(
      campaign,
      this.change(actor, campaign.id, "created", previous ? `next cycle after ${previous.name}` : "", campaign.name),
    );
    this.log.info({ tenant: actor.tenantId, campaign: stored.id, units: stored.units.length }, "campaign created");
    return {
      ok: true,
      campaign: stored,
      message: `"${stored.name}" is set up as a draft with ${unitsText(stored)}. Open it when people should start.`,
    };
  }

  /** A new draft campaign for the next stage of the certification cycle, following `fromId`. */
  async startNextCycle(actor: Actor, fromId: string): Promise<CampaignOutcome> {
    const previous = await this.stores.campaigns.get(actor.tenantId, fromId);
    if (!previous) return refused(this.log, actor, "next-cycle", NOT_FOUND);
    const type = nextCycleType(previous.type);
    const year = Number(londonDay(this.clock.now()).slice(0, 4));
    const units = previous.units.map((u) => u.name).join("\n");
    return this.create(
      actor,
      { name: `CSE ${typeLabel(type).toLowerCase()} (${year})`, type, units: isCouncilWide(previous) ? "" : units },
      previous,
    );
  }

  async move(actor: Actor, campaignId: string, to: CampaignStatus): Promise<CampaignOutcome> {
    if (!(await this.isCoordinator(actor))) return refused(this.log, actor, "move", ONLY_COORDINATORS);
    const campaign = await this.stores.campaigns.get(actor.tenantId, campaignId);
    if (!campaign) return refused(this.log, actor, "move", NOT_FOUND);
    if (campaign.status === to) return { ok: true, campaign, message: `"${campaign.name}" is already ${statusLabel(to).toLowerCase()}.` };
    if (!canMove(campaign.status, to)) {
      return refused(this.log, actor, "move", {
        code: "not-allowed",
        message: `"${campaign.name}" is ${statusLabel(campaign.status).toLowerCase()}, so it cannot be moved to ${statusLabel(to).toLowerCase()}.`,
      });
    }
    let moved: Campaign;
    try {
      moved = await this.stores.campaigns.update(
        { ...campaign, status: to },
        this.change(actor, campaign.id, "status", campaign.status, to),
      );
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return refused(this.log, actor, "move", {
        code: "conflict",
        message: `Someone else changed "${campaign.name}" at the same moment, so nothing was saved. Please look again and retry.`,
      });
    }
    // The campaign opened last is where people start, unless they choose another.
    if (to === "open") await this.stores.campaigns.setActive(actor.tenantId, moved.id);
    this.log.info({ tenant: actor.tenantId, campaign: campaign.id, from: campaign.status, to }, "campaign moved");
    return {
      ok: true,
      campaign: moved,
      message: `"${moved.name}" is now ${statusLabel(to).toLowerCase()}.${to === "signed-off" ? " It is read-only from now on." : ""}`,
    };
  }

  /** Adds a lead coordinator to a campaign; they must already be a CSE coordinator. */
  async addLead(actor: Actor, campaignId: string, lead: Actor, leadRoles: readonly Role[]): Promise<CampaignOutcome> {
    if (!(await this.isCoordinator(actor))) return refused(this.log, actor, "add-lead", ONLY_COORDINATORS);
    const campaign = await this.stores.campaigns.get(actor.tenantId, campaignId);
    if (!campaign) return refused(this.log, actor, "add-lead", NOT_FOUND);
    if (!can(leadRoles, "manage-campaigns")) {
      return refused(this.log, actor, "add-lead", {
        code: "not-allowed",
        message: `${lead.displayName} is not a CSE coordinator yet. Make them one first: role add coordinator @${lead.displayName}`,
      });
    }
    if (campaign.leads.some((l) => l.userId === lead.userId))
      return { ok: true, campaign, message: `${lead.displayName} already leads "${campaign.name}".` };
    const leads = [...campaign.leads, { userId: lead.userId, name: lead.displayName }];
    try {
      const updated = await this.stores.campaigns.update(
        { ...campaign, leads },
        this.change(actor, campaign.id, "leads", campaign.leads.map((l) => l.name).join(", "), leads.map((l) => l.name).join(", ")),
      );
      return {
        ok: true,
        campaign: updated,
        message: `${lead.displayName} now leads "${campaign.name}" with ${campaign.leads.map((l) => l.name).join(", ") || "nobody else"}.`,
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return refused(this.log, actor, "add-lead", {
        code: "conflict",
        message: `Someone else changed "${campaign.name}" at the same moment, so nothing was saved. Please try again.`,
      });
    }
  }

  /** Makes `campaignId` the campaign this person works in (any role). */
  async setCurrent(actor: Actor, campaignId: string): Promise<CampaignOutcome> {
    const campaign = await this.stores.campaigns.get(actor.tenantId, campaignId);
    if (!campaign) return refused(this.log, actor, "set-current", NOT_FOUND);
    if (campaign.status === "archived")
      return refused(this.log, actor, "set-current", {
        code: "campaign-closed",
        message: `"${campaign.name}" is archived. Choose a current campaign.`,
      });
    const participant = await this.stores.participants.get(actor.tenantId, actor.userId);
    const same = participant?.campaignId === campaignId;
    await this.stores.participants.put({
      ...actor,
      campaignId,
      unitId: same ? participant.unitId : campaign.units[0]!.id,
      currentRef: same ? participant.currentRef : undefined,
      keepsRecord: campaign.status === "signed-off",
      movedFrom: "",
      lastSeenAt: this.clock.now().toISOString(),
    });
    return { ok: true, campaign, message: `You are now working in "${campaign.name}". Type assess to start.` };
  }

  private async isCoordinator(actor: Actor): Promise<boolean> {
    return can(await this.rolesOf(actor), "manage-campaigns");
  }

  private change(actor: Actor, campaignId: string, field: CampaignChange["field"], from: string, to: string): CampaignChange {
    return { campaignId, field, from, to, byId: actor.userId, byName: actor.displayName, at: this.clock.now().toISOString() };
  }
}

function unitsText(c: Campaign): string {
  return isCouncilWide(c) ? "the whole council as one unit" : `${c.units.length} units (${c.units.map((u) => u.name).join(", ")})`;
}
