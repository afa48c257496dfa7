/**
 * Where storage is, for `npm start` and the CLI alike: TABLES_ENDPOINT (managed identity) or
 * TABLES_CONNECTION_STRING when set; otherwise the embedded Azurite under DATA_DIR. A running bot records its Azurite's port in
 * DATA_DIR, so the CLI (seed-demo, doctor) talks to the same server instead of starting a second
 * one on the same files.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { azuriteConnectionString, startAzurite } from "./azurite.js";
import { Tables } from "./tables.js";

export interface StorageHandle {
  /** A connection string, or a table endpoint URL reached with the managed identity (see Tables). */
  readonly connectionString: string;
  /** For people: where the data is. */
  readonly description: string;
  /** Stops what this process started (nothing when storage is external or shared). */
  release(): Promise<void>;
}

export async function connectStorage(config: Config): Promise<StorageHandle> {
  if (config.TABLES_ENDPOINT) {
    return {
      connectionString: config.TABLES_ENDPOINT.replace(/\/$/, ""),
      description: `Azure Table Storage at ${config.TABLES_ENDPOINT} (managed identity)`,
      release: async () => {},
    };
  }
  if (config.TABLES_CONNECTION_STRING) {
    return {
      connectionString: config.TABLES_CONNECTION_STRING,
      description: "Azure Table Storage (TABLES_CONNECTION_STRING)",
      release: async () => {},
    };
  }
  const location = path.join(config.DATA_DIR, "azurite");
  const endpointFile = path.join(location, "endpoint.json");
  const running = await runningAzurite(endpointFile, config.TABLE_PREFIX);
  if (running) {
    return { connectionString: running, description: `the embedded Azurite already running for ${location}`, release: async () => {} };
  }
  const azurite = await startAzurite({ location });
  writeFileSync(endpointFile, JSON.stringify({ port: azurite.port, pid: process.pid }));
  return {
    connectionString: azurite.connectionString,
    description: `embedded Azurite on port ${azurite.port}, data in ${location}`,
    release: async () => {
      rmSync(endpointFile, { force: true });
      await azurite.stop();
    },
  };
}

/**
 * What an operator accepts by running a registered bot (BOT_ID) on the embedded storage
 * (EMBEDDED_STORAGE=pilot); undefined when the bot uses Azure Table Storage or is not registered.
 */
export function pilotStorageWarning(config: Config): string | undefined {
  if (!config.BOT_ID || config.TABLES_ENDPOINT || config.TABLES_CONNECTION_STRING) return undefined;
  const folder = path.resolve(config.DATA_DIR, "azurite");
  return (
    `EMBEDDED_STORAGE=pilot: this council's data is kept on this machine only, in ${folder}. ` +
    'Each save is on disk before the bot answers "Saved.", so a crash or a stop loses no answered save; ' +
    "but there is no backup and no second instance, and losing this disk loses everything. " +
    "Back up that folder while the bot is stopped, and move to Azure Table Storage (TABLES_ENDPOINT) before the pilot ends."
  );
}

async function runningAzurite(endpointFile: string, prefix: string): Promise<string | undefined> {
  if (!existsSync(endpointFile)) return undefined;
  try {
    const { port, pid } = JSON.parse(readFileSync(endpointFile, "utf8")) as { port: number; pid: number };
    process.kill(pid, 0); // throws when the bot that wrote the file has gone (a crash leaves the file behind)
    const connectionString = azuriteConnectionString(port);
    await new Tables(connectionString, prefix).ping(1500);
    return connectionString;
  } catch {
    return undefined; // stale file from a bot that stopped without cleaning up
  }
}
