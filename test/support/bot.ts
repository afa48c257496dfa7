/** Starts the real HTTP server against the shared Azurite, as `npm start` does, for e2e tests. */
import { loadConfig } from "../../src/config.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { startServer, type RunningServer } from "../../src/server.js";
import type { Clock } from "../../src/clock.js";
import type { SchedulerOptions } from "../../src/jobs/scheduler.js";
import { connectionString, uniquePrefix } from "./storage.js";

export interface BotOptions {
  /** Where log lines go; silent unless TEST_LOG_LEVEL is set. */
  readonly log?: Logger;
  readonly tablePrefix?: string;
  readonly env?: Record<string, string>;
  readonly connectionString?: string;
  /** Fixed time for the bot (and its scheduler); the system clock otherwise. */
  readonly clock?: Clock;
  readonly scheduler?: SchedulerOptions;
}

export async function startBot(options: BotOptions = {}): Promise<RunningServer & { tablePrefix: string }> {
  const tablePrefix = options.tablePrefix ?? uniquePrefix();
  const storage = options.connectionString ?? connectionString();
  // Reminders off unless a test turns them on: a weekday morning must not change other tests.
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    TABLE_PREFIX: tablePrefix,
    LOG_LEVEL: "silent",
    REMINDERS: "off",
    TABLES_CONNECTION_STRING: storage,
    ...options.env,
  });
  const server = await startServer(config, storage, {
    log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    clock: options.clock,
    scheduler: options.scheduler,
  });
  return { ...server, tablePrefix };
}

/** A logger that keeps every line it writes, parsed, for tests that check what was logged. */
export function capturingLogger(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger("info", { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}
