/**
 * Campaigns: `campaigns`, `campaign new`, `overview`, `unit <name>`, `lead add @name`, and the
 * buttons on the campaigns, new-campaign and overview cards. CampaignService checks every change.
 */
import { campaignFormCard, campaignsCard, overviewCard, type AdaptiveCard } from "../../cards/index.js";
import { londonDay } from "../../domain/calendar.js";
import { can } from "../../domain/roles.js";
import type { Notice } from "../../services/views.js";
import type { Actor } from "../../services/views.js";
import { cardAction, wordsOf, type BotDeps, type Feature, type Reply } from "../feature.js";
import { isRefusal } from "../identity.js";
import { mentionedPerson } from "../people.js";

/** The campaigns card for `who`, with an optional notice at the top. */
async function campaignsCardFor(deps: BotDeps, who: Actor, notice?: Notice): Promise<AdaptiveCard> {
  // Only looks: listing campaigns must not start one.
  const [campaigns, current, roles] = await Promise.all([deps.campaigns.list(who), deps.walkthrough.peek(who), deps.roles.rolesOf(who)]);
  return campaignsCard({ campaigns, currentId: current.campaign?.id, coordinator: can(roles, "manage-campaigns"), notice });
}

async function campaignForm(deps: BotDeps, who: Actor): Promise<Reply> {
  if (!can(await deps.roles.rolesOf(who), "manage-campaigns"))
    return campaignsCardFor(deps, who, { tone: "attention", text: "Only a CSE coordinator can set up campaigns." });
  return campaignFormCard({ today: londonDay(deps.clock.now()) });
}

const outcomeNotice = (outcome: { ok: true; message: string } | { ok: false; refusal: { message: string } }): Notice =>
  outcome.ok ? { tone: "good", text: outcome.message } : { tone: "attention", text: outcome.refusal.message };

export const campaignsFeature: Feature = {
  commands: [
    {
      name: "campaigns",
      pattern: /^\s*campaigns\s*$/i,
      where: "personal",
      help: [
        { usage: "campaigns", description: "Choose the campaign you work in; coordinators set up, open, review and sign off campaigns" },
      ],
      run: (deps, { who }) => campaignsCardFor(deps, who),
    },
    {
      name: "campaign",
      pattern: /^\s*campaign\s+new\s*$/i,
      where: "personal",
      run: (deps, { who }) => campaignForm(deps, who),
    },
    {
      name: "overview",
      pattern: /^\s*overview\s*$/i,
      where: "personal",
      help: [{ usage: "overview", description: "Coordinators and leaders: progress, evidence, owners and who is late in your campaign" }],
      run: async (deps, { who }) => {
        const view = await deps.overview.view(who, await deps.walkthrough.currentCampaign(who));
        return isRefusal(view) ? view.message : overviewCard(view);
      },
    },
    {
      name: "unit",
      pattern: /^\s*unit\b/i,
      where: "personal",
      help: [{ usage: "unit Housing", description: "Switch to another unit of your campaign" }],
      run: async (deps, { who, args }) => {
        if (!args) return "Which unit? For example: unit Landlord Services";
        const scope = await deps.walkthrough.chooseUnit(who, args);
        return isRefusal(scope)
          ? scope.message
          : `You are now assessing ${scope.unit.name} in "${scope.campaign.name}". Type assess to continue.`;
      },
    },
    {
      name: "lead",
      pattern: /^\s*lead\s+add\b/i,
      where: "anywhere",
      help: [{ usage: "lead add @name", description: "Coordinators, in a team channel: add a lead coordinator to your current campaign" }],
      run: async (deps, { context, who }) => {
        const person = await mentionedPerson(context, deps.log);
        if (!person)
          return "Mention the coordinator who should lead your current campaign, in a team channel or group chat where I am: lead add @name";
        const lead = { tenantId: who.tenantId, userId: person.userId, displayName: person.displayName };
        const campaign = await deps.walkthrough.currentCampaign(who);
        const outcome = await deps.campaigns.addLead(who, campaign.id, lead, await deps.roles.rolesOf(lead));
        return wordsOf(outcome);
      },
    },
  ],
  cardActions: [
    cardAction({ kinds: ["campaigns"], where: "personal", run: (deps, who) => campaignsCardFor(deps, who) }),
    cardAction({ kinds: ["campaignForm"], where: "personal", run: (deps, who) => campaignForm(deps, who) }),
    cardAction({
      kinds: ["campaignCreate"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const outcome = await deps.campaigns.create(who, parsed.draft);
        if (!outcome.ok)
          return campaignFormCard({ today: londonDay(deps.clock.now()), draft: parsed.draft, notice: outcome.refusal.message });
        return campaignsCardFor(deps, who, { tone: "good", text: outcome.message });
      },
    }),
    cardAction({
      kinds: ["campaignMove"],
      where: "personal",
      run: async (deps, who, parsed) =>
        campaignsCardFor(deps, who, outcomeNotice(await deps.campaigns.move(who, parsed.campaignId, parsed.to))),
    }),
    cardAction({
      kinds: ["campaignNext"],
      where: "personal",
      run: async (deps, who, parsed) =>
        campaignsCardFor(deps, who, outcomeNotice(await deps.campaigns.startNextCycle(who, parsed.campaignId))),
    }),
    cardAction({
      kinds: ["campaignCurrent"],
      where: "personal",
      run: async (deps, who, parsed) => campaignsCardFor(deps, who, outcomeNotice(await deps.campaigns.setCurrent(who, parsed.campaignId))),
    }),
    cardAction({
      kinds: ["campaignOverview"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const view = await deps.overview.viewById(who, parsed.campaignId);
        return isRefusal(view) ? view.message : overviewCard(view);
      },
    }),
    cardAction({
      kinds: ["campaignChase"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const notice = outcomeNotice(await deps.overview.chase(who, parsed.campaignId));
        const view = await deps.overview.viewById(who, parsed.campaignId);
        return isRefusal(view) ? notice.text : overviewCard(view, notice);
      },
    }),
  ],
};
