/** Starts the real HTTP server against the shared Azurite, as `npm start` does, for e2e tests. */
import { loadConfig } from "../../src/config.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { startServer, type RunningServer } from "../../src/server.js";
import { connectionString, uniquePrefix } from "./storage.js";

export interface BotOptions {
  /** Where log lines go; silent unless TEST_LOG_LEVEL is set. */
  readonly log?: Logger;
  readonly tablePrefix?: string;
  readonly env?: Record<string, string>;
  readonly connectionString?: string;
}

export async function startBot(options: BotOptions = {}): Promise<RunningServer & { tablePrefix: string }> {
  const tablePrefix = options.tablePrefix ?? uniquePrefix();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", TABLE_PREFIX: tablePrefix, LOG_LEVEL: "silent", ...options.env });
  const server = await startServer(config, options.connectionString ?? connectionString(), { log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? "silent") });
  return { ...server, tablePrefix };
}

/** A logger that keeps every line it writes, parsed, for tests that check what was logged. */
export function capturingLogger(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger("info", { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}
