/**
 * Campaign commands and card actions: `campaigns`, `campaign new`, `unit <name>`, and the
 * buttons on the campaigns card. Every action is checked again by CampaignService.
 */
import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { campaignFormCard, campaignsCard, overviewCard, type AdaptiveCard } from "../cards/index.js";
import type { Clock } from "../clock.js";
import { londonDay } from "../domain/calendar.js";
import { isRefusal } from "./identity.js";
import { mentionedPerson } from "./people.js";
import type { Logger } from "../logger.js";
import type { ParsedAction } from "./payload.js";
import type { CampaignService } from "../services/campaigns.js";
import type { OverviewService } from "../services/overview.js";
import type { Notice } from "../services/views.js";
import type { Actor, WalkthroughService } from "../services/walkthrough.js";
import { can, type Role } from "../domain/roles.js";

export interface CampaignDeps {
  readonly log: Logger;
  readonly actor: (context: TurnContext) => Actor | undefined;
  readonly campaigns: CampaignService;
  readonly overview: OverviewService;
  readonly walkthrough: WalkthroughService;
  readonly rolesOf: (actor: Actor) => Promise<readonly Role[]>;
  readonly clock: Clock;
}

type CampaignAction = Extract<ParsedAction, { kind: `campaign${string}` }>;

/** The campaigns card for `who`, with an optional notice at the top. */
export async function campaignsCardFor(deps: CampaignDeps, who: Actor, notice?: Notice): Promise<AdaptiveCard> {
  // Only looks: listing campaigns must not start one.
  const [campaigns, current, roles] = await Promise.all([deps.campaigns.list(who), deps.walkthrough.peek(who), deps.rolesOf(who)]);
  return campaignsCard({ campaigns, currentId: current.campaign?.id, coordinator: can(roles, "manage-campaigns"), notice });
}

/** Runs a button pressed on a campaigns card, the new-campaign form or the overview. */
export async function runCampaignAction(deps: CampaignDeps, who: Actor, parsed: CampaignAction): Promise<AdaptiveCard | string> {
  const today = londonDay(deps.clock.now());
  switch (parsed.kind) {
    case "campaignOverview": {
      const view = await deps.overview.viewById(who, parsed.campaignId);
      return isRefusal(view) ? view.message : overviewCard(view);
    }
    case "campaignChase": {
      const outcome = await deps.overview.chase(who, parsed.campaignId);
      const view = await deps.overview.viewById(who, parsed.campaignId);
      const notice: Notice = outcome.ok ? { tone: "good", text: outcome.message } : { tone: "attention", text: outcome.refusal.message };
      return isRefusal(view) ? notice.text : overviewCard(view, notice);
    }
    case "campaigns":
      return campaignsCardFor(deps, who);
    case "campaignForm":
      if (!can(await deps.rolesOf(who), "manage-campaigns"))
        return campaignsCardFor(deps, who, { tone: "attention", text: "Only a CSE coordinator can set up campaigns." });
      return campaignFormCard({ today });
    case "campaignCreate": {
      const outcome = await deps.campaigns.create(who, parsed.draft);
      if (!outcome.ok) return campaignFormCard({ today, draft: parsed.draft, notice: outcome.refusal.message });
      return campaignsCardFor(deps, who, { tone: "good", text: outcome.message });
    }
    case "campaignMove":
    case "campaignNext":
    case "campaignCurrent": {
      const outcome =
        parsed.kind === "campaignMove"
          ? await deps.campaigns.move(who, parsed.campaignId, parsed.to)
          : parsed.kind === "campaignNext"
            ? await deps.campaigns.startNextCycle(who, parsed.campaignId)
            : await deps.campaigns.setCurrent(who, parsed.campaignId);
      return campaignsCardFor(
        deps,
        who,
        outcome.ok ? { tone: "good", text: outcome.message } : { tone: "attention", text: outcome.refusal.message },
      );
    }
  }
}

export function registerCampaignCommands(
  app: Application<TurnState>,
  deps: CampaignDeps,
  personalActor: (context: TurnContext) => Promise<Actor | undefined>,
  sendCard: (context: TurnContext, card: AdaptiveCard) => Promise<unknown>,
): void {
  app.message(/^\s*campaigns\s*$/i, async (context) => {
    const who = await personalActor(context);
    if (who) await sendCard(context, await campaignsCardFor(deps, who));
  });

  app.message(/^\s*overview\s*$/i, async (context) => {
    const who = await personalActor(context);
    if (!who) return;
    const view = await deps.overview.view(who, await deps.walkthrough.currentCampaign(who));
    if (isRefusal(view)) await context.sendActivity(view.message);
    else await sendCard(context, overviewCard(view));
  });

  app.message(/^\s*campaign\s+new\s*$/i, async (context) => {
    const who = await personalActor(context);
    if (!who) return;
    const reply = await runCampaignAction(deps, who, { kind: "campaignForm" });
    await (typeof reply === "string" ? context.sendActivity(reply) : sendCard(context, reply));
  });

  app.message(/^\s*lead\s+add\b/i, async (context) => {
    const who = deps.actor(context);
    if (!who) return;
    const person = await mentionedPerson(context, deps.log);
    if (!person)
      return void (await context.sendActivity(
        "Mention the coordinator who should lead your current campaign, in a team channel or group chat where I am: lead add @name",
      ));
    const lead = { tenantId: who.tenantId, userId: person.userId, displayName: person.displayName };
    const campaign = await deps.walkthrough.currentCampaign(who);
    const outcome = await deps.campaigns.addLead(who, campaign.id, lead, await deps.rolesOf(lead));
    await context.sendActivity(outcome.ok ? outcome.message : outcome.refusal.message);
  });

  app.message(/^\s*unit\b/i, async (context) => {
    const who = await personalActor(context);
    if (!who) return;
    const name = (context.activity.text ?? "").trim().replace(/^unit\s*/i, "");
    if (!name) return void (await context.sendActivity("Which unit? For example: unit Landlord Services"));
    const scope = await deps.walkthrough.chooseUnit(who, name);
    await context.sendActivity(
      isRefusal(scope) ? scope.message : `You are now assessing ${scope.unit.name} in "${scope.campaign.name}". Type assess to continue.`,
    );
  });
}
