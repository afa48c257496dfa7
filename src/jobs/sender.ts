/**
 * The outbound queue: sends many messages as fast as Teams allows and no faster. Several workers
 * share one rate limiter; throttling (429 with Retry-After) pauses the tenant and conversation it
 * hit; 412, 502, 504 and network errors are retried with exponential backoff and jitter; 403 and
 * 404 are permanent and reported, never retried.
 */
import type { AdaptiveCard } from "../cards/index.js";
import type { Logger } from "../logger.js";
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from "./backoff.js";
import { isTransient, type Delivery, type DeliveryResult, type Recipient } from "./delivery.js";
import { PER_CONVERSATION, PER_TENANT, RateLimiter, realTimer, type Timer } from "./rate-limit.js";

export interface OutboundJob {
  readonly to: Recipient;
  readonly card: AdaptiveCard;
  /** Plain-text summary, for notifications and screen readers. */
  readonly summary: string;
  /** Called once with the final outcome: delivered, permanent failure, or given up for now. */
  readonly done: (result: DeliveryResult) => Promise<void>;
}

export interface SendStats {
  sent: number;
  permanent: number;
  /** Still failing after every retry: left for the next run. */
  gaveUp: number;
  throttled: number;
  retries: number;
  /** Not attempted because the run was told to stop (lease lost, shutting down). */
  notStarted: number;
}

export interface SenderOptions {
  readonly concurrency?: number;
  readonly backoff?: BackoffPolicy;
  readonly timer?: Timer;
  /** Checked before each message; false stops taking new ones. */
  readonly keepGoing?: () => boolean;
}

export class OutboundQueue {
  private readonly limiter: RateLimiter;
  private readonly timer: Timer;

  constructor(
    private readonly delivery: Delivery,
    private readonly log: Logger,
    private readonly options: SenderOptions = {},
  ) {
    this.timer = options.timer ?? realTimer;
    this.limiter = new RateLimiter(this.timer);
  }

  async sendAll(jobs: readonly OutboundJob[]): Promise<SendStats> {
    const stats: SendStats = { sent: 0, permanent: 0, gaveUp: 0, throttled: 0, retries: 0, notStarted: 0 };
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        if (this.options.keepGoing && !this.options.keepGoing()) {
          stats.notStarted++;
          continue;
        }
        const result = await this.sendOne(job, stats);
        await job.done(result);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 32, jobs.length) }, worker));
    return stats;
  }

  private async sendOne(job: OutboundJob, stats: SendStats): Promise<DeliveryResult> {
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    const conversation = `conversation:${this.delivery.conversationKey(job.to)}`;
    const tenant = `tenant:${job.to.tenantId}`;
    for (let attempt = 1; ; attempt++) {
      const slotDone = await this.limiter.acquire([
        { key: conversation, windows: PER_CONVERSATION },
        { key: tenant, windows: PER_TENANT },
      ]);
      let result: DeliveryResult;
      try {
        result = await this.delivery.send(job.to, job.card, job.summary);
      } catch (error) {
        result = { ok: false, permanent: false, status: 0, reason: error instanceof Error ? error.message : String(error) };
      }
      slotDone(result.ok || result.status !== 429);
      if (result.ok) {
        stats.sent++;
        return result;
      }
      if (result.permanent || !isTransient(result.status)) {
        stats.permanent++;
        this.log.warn(
          { tenant: job.to.tenantId, user: job.to.userId, status: result.status, reason: result.reason },
          "reminder cannot be delivered",
        );
        return { ...result, permanent: true };
      }
      if (result.status === 429) {
        stats.throttled++;
        if (result.retryAfterMs !== undefined) {
          this.limiter.pause(conversation, result.retryAfterMs);
          this.limiter.pause(tenant, result.retryAfterMs);
        }
      }
      if (attempt >= backoff.attempts) {
        stats.gaveUp++;
        this.log.warn(
          { tenant: job.to.tenantId, user: job.to.userId, status: result.status, attempts: attempt },
          "reminder not delivered yet; will retry on the next run",
        );
        return result;
      }
      stats.retries++;
      await this.timer.sleep(retryDelay(attempt, result.retryAfterMs, backoff));
    }
  }
}
