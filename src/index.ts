/**
 * Start-up wiring only: configuration, storage (embedded Azurite when no connection string is
 * set), the HTTP server, and how to reach it.
 */
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";
import { unsupportedNode } from "./runtime.js";
import { startServer } from "./server.js";
import { connectStorage, pilotStorageWarning } from "./store/local-storage.js";

async function main(): Promise<void> {
  const oldNode = unsupportedNode();
  if (oldNode) {
    console.error(oldNode);
    process.exit(1);
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL);
  const started = Date.now();

  const storage = await connectStorage(config);
  log.info({ storage: storage.description }, "storage connected");
  const pilot = pilotStorageWarning(config);
  if (pilot) log.warn(pilot);

  const server = await startServer(config, storage.connectionString, { log });
  const readyMs = Date.now() - started;
  log.info({ url: server.url, localMode: config.localMode, readyMs }, "CSE bot ready");
  if (config.localMode) {
    console.log(
      [
        "",
        `  CSE bot is ready at ${server.url}/api/messages (local mode: no BOT_ID, unsigned activities accepted)`,
        `  Storage: ${storage.description}`,
        "",
        "  Chat with it in the Microsoft 365 Agents Playground. In another terminal run:",
        "      npm run playground",
        "  then open http://localhost:56150 and type: assess",
        "",
      ].join("\n"),
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await server.close();
    await storage.release();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("The CSE bot could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
