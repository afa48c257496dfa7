/** Wiring of the scheduled jobs (reminders, channel digests), shared by the server and the CLI. */
import type { BotAdapter } from "./bot/adapter.js";
import { TeamsDelivery } from "./bot/delivery.js";
import { reminderCard, summaryCard } from "./cards/index.js";
import { DigestJob } from "./jobs/digests.js";
import type { SummaryService } from "./services/summary.js";
import type { Clock } from "./clock.js";
import { ReminderJob } from "./jobs/reminders.js";
import type { SenderOptions } from "./jobs/sender.js";
import type { Logger } from "./logger.js";
import type { Stores } from "./store/index.js";

export function createReminderJob(
  stores: Stores,
  adapter: BotAdapter,
  botAppId: string,
  clock: Clock,
  log: Logger,
  sender?: SenderOptions,
): ReminderJob {
  return new ReminderJob({
    stores,
    delivery: new TeamsDelivery(adapter, botAppId, stores.tenants, log),
    clock,
    log,
    sender,
    card: (message, today) => reminderCard({ name: message.displayName, day: message.day, today, items: message.items }),
  });
}

export function createDigestJob(
  stores: Stores,
  summaries: SummaryService,
  adapter: BotAdapter,
  botAppId: string,
  clock: Clock,
  log: Logger,
  sender?: SenderOptions,
): DigestJob {
  return new DigestJob({
    stores,
    summaries,
    delivery: new TeamsDelivery(adapter, botAppId, stores.tenants, log),
    clock,
    log,
    sender,
    card: (view) => summaryCard(view),
  });
}
