/**
 * Runs the daily reminders in process, on every instance: each one looks every few minutes, and
 * only the one holding the lease in storage sends. The lease is renewed while sending and given
 * up when the run ends; if its holder dies, it expires and another instance carries on. Reminders go out
 * from 09:00 Europe/London on working days; later looks the same day only pick up what failed.
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import type { IsoDate } from "../domain/calendar.js";
import { sendingDay, DEFAULT_POLICY, type ReminderPolicy } from "../domain/reminders.js";
import type { Logger } from "../logger.js";
import type { OutboxStore } from "../store/outbox.js";
import type { ReminderJob, RunReport } from "./reminders.js";

export const REMINDER_LEASE = "reminders";

export interface SchedulerOptions {
  /** Unique per instance; a new one each start. */
  readonly instanceId?: string;
  readonly intervalMs?: number;
  readonly leaseMs?: number;
  readonly policy?: ReminderPolicy;
  /** Channel digests, posted by the same lease holder through the same limits. */
  readonly digests?: { run(keepGoing: () => boolean): Promise<unknown> };
  /** Mends what a failed write left half done (campaign copies), at every look on every instance; idempotent. */
  readonly upkeep?: () => Promise<number>;
}

export class ReminderScheduler {
  readonly instanceId: string;
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<RunReport | undefined>;
  private stopping = false;
  /** One run at a time per instance, whoever asks. */
  private busy = false;

  constructor(
    private readonly job: ReminderJob,
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: SchedulerOptions = {},
  ) {
    this.instanceId = options.instanceId ?? `instance-${randomUUID().slice(0, 8)}`;
    this.intervalMs = options.intervalMs ?? 5 * 60_000;
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
  }

  start(): void {
    const loop = () => {
      if (this.stopping) return;
      this.running = this.tick().catch((error: unknown) => {
        this.log.error({ err: error }, "reminder run failed; the next one will pick up where it stopped");
        return undefined;
      });
      void this.running.finally(() => {
        if (!this.stopping) this.timer = setTimeout(loop, this.intervalMs).unref();
      });
    };
    this.timer = setTimeout(loop, 1_000).unref();
  }

  /**
   * One look: if it is sending time and this instance holds (or takes) the lease, run the day's
   * reminders. Returns the run's report, or undefined when it did not run.
   */
  async tick(): Promise<RunReport | undefined> {
    const mended = await this.options.upkeep?.().catch((error: unknown) => {
      this.log.warn({ err: error }, "storage upkeep failed; the next look tries again");
      return 0;
    });
    if (mended) this.log.info({ mended }, "campaign copies mended after an interrupted change");
    const day = sendingDay(this.clock.now(), this.options.policy ?? DEFAULT_POLICY);
    // Digests have their own days and times; reminders only go out on working days from 09:00.
    return day || this.options.digests ? this.runFor(day) : undefined;
  }

  /** Runs `day`'s reminders now if this instance holds (or takes) the lease; undefined otherwise. */
  async runFor(day: IsoDate | undefined): Promise<RunReport | undefined> {
    if (this.busy || this.stopping) return undefined;
    this.busy = true;
    try {
      return await this.runHoldingLease(day);
    } finally {
      this.busy = false;
    }
  }

  private async runHoldingLease(day: IsoDate | undefined): Promise<RunReport | undefined> {
    if (!(await this.outbox.acquireLease(REMINDER_LEASE, this.instanceId, this.clock.now(), this.leaseMs))) return undefined;
    let held = true;
    const renew = setInterval(() => {
      void this.outbox.acquireLease(REMINDER_LEASE, this.instanceId, this.clock.now(), this.leaseMs).then(
        (ok) => {
          if (!ok) this.log.warn({ instance: this.instanceId }, "lost the reminder lease; stopping this run");
          held &&= ok;
        },
        () => (held = false),
      );
    }, this.leaseMs / 3).unref();
    try {
      const keepGoing = () => held && !this.stopping;
      const report = day ? await this.job.run(day, keepGoing) : undefined;
      if (this.options.digests && keepGoing()) await this.options.digests.run(keepGoing);
      return report;
    } finally {
      clearInterval(renew);
      // The lease covers a run, not the time between runs: another instance (or the CLI) may go next.
      if (held) await this.outbox.releaseLease(REMINDER_LEASE, this.instanceId);
    }
  }

  /** Stops looking, lets a run in progress finish its current messages, and gives the lease up. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
    await this.outbox.releaseLease(REMINDER_LEASE, this.instanceId);
  }
}
