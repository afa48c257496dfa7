/**
 * The coordinator's view of a campaign (also open to leaders, read-only), and chasing: one
 * message per person who is late, listing all their late elements. Checked here on the server.
 */
import type { Campaign } from "../domain/campaign.js";
import { formatLondonDay, londonDay } from "../domain/calendar.js";
import { campaignOverview, type CampaignOverview } from "../domain/overview.js";
import type { Refusal, Outcome } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { tellPerson } from "./messaging.js";
import type { Actor, Notifier } from "./views.js";
import { refused } from "./refused.js";
import { Service, type ServiceContext } from "./context.js";

export interface OverviewView {
  readonly campaign: Campaign;
  readonly overview: CampaignOverview;
  readonly today: string;
  /** Coordinators may chase; leaders only look. */
  readonly canChase: boolean;
}

/** Done with a message, or refused. */
export type ChaseOutcome = Outcome;

const NOT_FOR_YOU: Refusal = { code: "not-allowed", message: "The campaign overview is for CSE coordinators and leaders." };

export class OverviewService extends Service {
  constructor(
    context: ServiceContext,
    private readonly notifier: Notifier,
  ) {
    super(context);
  }

  async view(actor: Actor, campaign: Campaign): Promise<OverviewView | Refusal> {
    const roles = await this.rolesOf(actor);
    if (!can(roles, "manage-campaigns") && !roles.includes("leader")) return refused(this.log, actor, "overview", NOT_FOR_YOU).refusal;
    const today = londonDay(this.clock.now());
    const stored = await this.stores.assessments.listForCampaign(actor.tenantId, campaign.id);
    return { campaign, overview: campaignOverview(campaign, stored, today), today, canChase: can(roles, "manage-campaigns") };
  }

  async viewById(actor: Actor, campaignId: string): Promise<OverviewView | Refusal> {
    const campaign = await this.stores.campaigns.get(actor.tenantId, campaignId);
    return campaign
      ? this.view(actor, campaign)
      : refused(this.log, actor, "overview", { code: "unknown-campaign", message: "That campaign is not in your organisation." }).refusal;
  }

  /** Sends each late owner one message listing all their late elements. */
  async chase(actor: Actor, campaignId: string): Promise<ChaseOutcome> {
    if (!can(await this.rolesOf(actor), "manage-campaigns"))
      return {
        ok: false,
        refusal: refused(this.log, actor, "chase", { code: "not-allowed", message: "Only a CSE coordinator can chase people." }).refusal,
      };
    const view = await this.viewById(actor, campaignId);
    if ("code" in view) return { ok: false, refusal: view };
    const { campaign } = view;
    const late = view.overview.owners.filter((o) => o.lateRefs.length > 0);
    if (late.length === 0) return { ok: true, message: "Nobody is late, so nobody was chased." };
    const unreached: string[] = [];
    for (const owner of late) {
      const refs = owner.lateRefs;
      const text = `Reminder from ${actor.displayName}: ${refs.length === 1 ? "element" : `${refs.length} elements`} of "${campaign.name}" ${refs.length === 1 ? "was" : "were"} due on ${formatLondonDay(campaign.dueDate!)} and ${refs.length === 1 ? "is" : "are"} not yet submitted: ${refs.join(", ")}. Type my work to see ${refs.length === 1 ? "it" : "them"}.`;
      const person = { userId: owner.userId, name: owner.name };
      if (!(await tellPerson(this.stores, this.notifier, actor.tenantId, person, text, this.clock.now()))) unreached.push(owner.name);
    }
    this.log.info(
      { tenant: actor.tenantId, campaign: campaignId, chased: late.length - unreached.length, unreached: unreached.length },
      "late owners chased",
    );
    const reached = late.length - unreached.length;
    return {
      ok: true,
      message: `Chased ${reached} ${reached === 1 ? "person" : "people"}, one message each.${unreached.length ? ` Could not reach ${unreached.join(", ")} in Teams: the app may not be installed for them.` : ""}`,
    };
  }
}
