/**
 * Posting channel digests when they are due: each channel's summary once per period (its week or
 * month), through the same outbound queue (Teams limits, retries) as reminders, and only by the
 * instance holding the lease. A channel whose team removed the app is recorded and skipped.
 */
import type { AdaptiveCard } from "../cards/index.js";
import type { Clock } from "../clock.js";
import { duePeriod } from "../domain/digest.js";
import type { Logger } from "../logger.js";
import type { SummaryService, SummaryView } from "../services/summary.js";
import type { Stores } from "../store/index.js";
import type { Delivery } from "./delivery.js";
import { OutboundQueue, type OutboundJob, type SendStats, type SenderOptions } from "./sender.js";

export interface DigestJobDeps {
  readonly stores: Stores;
  readonly summaries: SummaryService;
  readonly delivery: Delivery;
  readonly clock: Clock;
  readonly log: Logger;
  readonly card: (view: SummaryView) => AdaptiveCard;
  readonly sender?: SenderOptions;
}

export class DigestJob {
  constructor(private readonly deps: DigestJobDeps) {}

  /** Posts every digest due now. Repeatable: a channel posted for this period is not posted again. */
  async run(keepGoing: () => boolean = () => true): Promise<SendStats & { due: number }> {
    const { stores, clock, log } = this.deps;
    const now = clock.now();
    const jobs: OutboundJob[] = [];
    for (const tenantId of await stores.tenants.list()) {
      for (const digest of await stores.digests.list(tenantId)) {
        const period = digest.status === "active" ? duePeriod(digest.schedule, now, digest.lastPeriod) : undefined;
        if (!period) continue;
        const campaign = await stores.campaigns.get(tenantId, digest.campaignId);
        if (!campaign) {
          log.warn({ tenant: tenantId, channel: digest.channelId }, "digest campaign no longer exists; skipped");
          continue;
        }
        const view = await this.deps.summaries.build(campaign, { previous: digest.snapshot, showOwners: digest.showOwners });
        jobs.push({
          to: { tenantId, userId: digest.channelId, displayName: digest.channelName, conversation: digest.conversation },
          card: this.deps.card(view),
          summary: `CSE compliance summary: ${campaign.name}`,
          done: async (result) => {
            if (result.ok) await stores.digests.posted(digest, period, view.summary.snapshot, clock.now().toISOString());
            else if (result.permanent) await stores.digests.unreachable(digest, result.reason);
          },
        });
      }
    }
    const stats = await new OutboundQueue(this.deps.delivery, log, { ...this.deps.sender, keepGoing }).sendAll(jobs);
    if (jobs.length > 0) log.info({ due: jobs.length, ...stats }, "channel digests posted");
    return { ...stats, due: jobs.length };
  }
}
