/**
 * Where a person works: their campaign and unit and, when they have been in it before, the
 * element where they stopped; the council's first campaign made when there is none.
 */
import { defaultCampaign, type Campaign } from "../domain/campaign.js";
import type { Participant, UnitRead } from "../store/index.js";
import type { ServiceContext } from "./context.js";
import type { Actor, Scope } from "./views.js";

export type Located = Scope & { currentRef?: string; movedFrom?: string; person?: Participant };

/**
 * The person's campaign and unit and, when they have been in it before, where they stopped.
 * When their campaign is signed off and the council has started another, they follow the
 * council (unless they chose the signed-off one to look back at it), and are told once.
 * `read`: what the turn has read already (the person's row; their campaign, from its copy).
 */
export async function locate(
  { stores, clock, log }: ServiceContext,
  actor: Actor,
  read?: { readonly person: Participant | undefined; readonly campaign?: Campaign },
): Promise<Located> {
  const participant = read ? read.person : await stores.participants.get(actor.tenantId, actor.userId);
  const known = read?.campaign?.id === participant?.campaignId ? read?.campaign : undefined;
  const mine = known ?? (participant?.campaignId ? await stores.campaigns.get(actor.tenantId, participant.campaignId) : undefined);
  const movedFrom = participant?.movedFrom;
  const here = mine && {
    campaign: mine,
    unit: mine.units.find((u) => u.id === participant?.unitId) ?? mine.units[0]!,
    currentRef: participant?.currentRef,
    movedFrom,
    person: participant,
  };
  if (here && mine.status !== "archived" && (mine.status !== "signed-off" || participant?.keepsRecord)) return here;
  const activeId = await stores.campaigns.activeCampaignId(actor.tenantId);
  if (here && mine.status === "signed-off" && activeId === mine.id) return here; // no newer cycle yet
  const active = activeId ? await stores.campaigns.get(actor.tenantId, activeId) : undefined;
  const campaign = active ?? (await createDefaultCampaign({ stores, clock, log }, actor));
  if (!mine || mine.id === campaign.id) return { campaign, unit: campaign.units[0]!, movedFrom, person: participant };
  const scope = { campaign, unit: campaign.units[0]! };
  await stores.participants.put({
    ...actor,
    campaignId: campaign.id,
    unitId: scope.unit.id,
    movedFrom: mine.name,
    lastSeenAt: clock.now().toISOString(),
  });
  log.info({ tenant: actor.tenantId, from: mine.id, to: campaign.id }, "person moved on to the council's current campaign");
  const moved = participant && {
    ...participant,
    campaignId: campaign.id,
    unitId: scope.unit.id,
    currentRef: undefined,
    movedFrom: mine.name,
  };
  return { ...scope, movedFrom: mine.name, person: moved };
}

/**
 * `locate` with a unit's elements read first (the person's unit, or `unitId`): the campaign's copy
 * beside them spares reading Campaigns, so where the person works and what they work on take
 * one request after their row. `unit` is that read, for the campaign and unit the person's row named.
 */
export async function locateReading(
  context: ServiceContext,
  actor: Actor,
  stored: Participant | undefined,
  unitId = stored?.unitId,
): Promise<{ located: Located; unit?: UnitRead }> {
  const unit =
    stored?.campaignId && unitId
      ? await context.stores.assessments.readUnit(actor.tenantId, stored.campaignId, unitId).catch(() => undefined)
      : undefined;
  const located = await locate(context, actor, { person: stored, campaign: unit?.campaign });
  return { located, ...(unit && { unit }) };
}

async function createDefaultCampaign(
  { stores, clock, log }: Pick<ServiceContext, "stores" | "clock" | "log">,
  actor: Actor,
): Promise<Campaign> {
  const now = clock.now();
  // A fixed id per year makes two first users racing each other end up in the same campaign.
  const campaign = await stores.campaigns.createOrGet(defaultCampaign(actor.tenantId, `cse-${now.getUTCFullYear()}`, actor.userId, now));
  const activeId = await stores.campaigns.setActiveIfNone(actor.tenantId, campaign.id);
  log.info({ tenant: actor.tenantId, campaign: activeId }, "default campaign created");
  return activeId === campaign.id ? campaign : ((await stores.campaigns.get(actor.tenantId, activeId)) ?? campaign);
}
