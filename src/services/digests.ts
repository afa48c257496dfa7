/**
 * Channel digests as a coordinator sets them up: `digest weekly|monthly|off` in a channel picks
 * the council's current campaign and a schedule for that channel alone. Checked here. No SDK.
 */
import { describeSchedule, parseSchedule } from "../domain/digest.js";
import type { Refusal, Outcome } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import type { Actor } from "./views.js";
import { refused } from "./refused.js";
import { Service, type ServiceContext } from "./context.js";

export interface Channel {
  readonly id: string;
  readonly name: string;
  /** Serialised conversation reference for posting a new message to the channel. */
  readonly conversation: string;
}

/** Done with a message, or refused. */
export type DigestOutcome = Outcome;

const ONLY_COORDINATORS: Refusal = {
  code: "not-allowed",
  message: "Only a CSE coordinator can set up this channel's compliance digest. Anyone can type summary to see one now.",
};

export class DigestService extends Service {
  constructor(context: ServiceContext) {
    super(context);
  }

  /** `words`: what followed "digest" ("weekly friday 16:00", "monthly", "off"). */
  async configure(actor: Actor, channel: Channel, words: readonly string[]): Promise<DigestOutcome> {
    if (!can(await this.rolesOf(actor), "manage-campaigns")) return refused(this.log, actor, "set-up-digest", ONLY_COORDINATORS);
    const existing = await this.stores.digests.get(actor.tenantId, channel.id);
    const at = this.clock.now().toISOString();
    if (words[0]?.toLowerCase() === "off") {
      if (!existing || existing.status === "off") return { ok: true, message: "This channel gets no compliance digest." };
      await this.stores.digests.save({ ...existing, status: "off", updatedBy: actor.userId, updatedAt: at });
      this.log.info({ tenant: actor.tenantId, channel: channel.id }, "channel digest turned off");
      return { ok: true, message: "The compliance digest for this channel is off. Type digest weekly to start it again." };
    }
    // "no-names" keeps owners' names off this channel's posts.
    const showOwners = !words.some((w) => /^no-?names$/i.test(w));
    const schedule = parseSchedule(words.filter((w) => !/^no-?names$/i.test(w)));
    if (!schedule.ok) return refused(this.log, actor, "set-up-digest", schedule.refusal);
    const campaignId = await this.stores.campaigns.activeCampaignId(actor.tenantId);
    const campaign = campaignId ? await this.stores.campaigns.get(actor.tenantId, campaignId) : undefined;
    if (!campaign)
      return refused(this.log, actor, "set-up-digest", {
        code: "unknown-campaign",
        message: "There is no open campaign to summarise yet. Set one up with campaign new, then try again.",
      });
    const sameCampaign = existing?.campaignId === campaign.id;
    await this.stores.digests.save({
      tenantId: actor.tenantId,
      channelId: channel.id,
      channelName: channel.name,
      conversation: channel.conversation,
      campaignId: campaign.id,
      schedule: schedule.value,
      showOwners,
      status: "active",
      // A new campaign starts a new comparison; the same one keeps its last post and snapshot.
      lastPeriod: sameCampaign ? existing?.lastPeriod : undefined,
      lastPostedAt: sameCampaign ? existing?.lastPostedAt : undefined,
      snapshot: sameCampaign ? existing?.snapshot : undefined,
      updatedBy: actor.userId,
      updatedAt: at,
      etag: existing?.etag,
    });
    await this.stores.tenants.register(actor.tenantId);
    this.log.info({ tenant: actor.tenantId, channel: channel.id, cadence: schedule.value.cadence }, "channel digest set up");
    return {
      ok: true,
      message: `This channel will get the compliance summary of "${campaign.name}" ${describeSchedule(schedule.value)} (UK time)${showOwners ? "" : ", without people's names"}. Type summary to see it now.`,
    };
  }
}
