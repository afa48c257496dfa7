/** Starts the real HTTP server against the shared Azurite, as `npm start` does, for e2e tests. */
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startServer, type RunningServer } from "../../src/server.js";
import { connectionString, uniquePrefix } from "./storage.js";

export interface BotOptions {
  readonly tablePrefix?: string;
  readonly env?: Record<string, string>;
  readonly connectionString?: string;
}

export async function startBot(options: BotOptions = {}): Promise<RunningServer & { tablePrefix: string }> {
  const tablePrefix = options.tablePrefix ?? uniquePrefix();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", TABLE_PREFIX: tablePrefix, LOG_LEVEL: "silent", ...options.env });
  const server = await startServer(config, options.connectionString ?? connectionString(), { log: createLogger(process.env.TEST_LOG_LEVEL ?? "silent") });
  return { ...server, tablePrefix };
}
