/** The one logger (pino: structured JSON lines, cheap when a level is off). */
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    base: { app: "cse-bot" },
    // Never log secrets or message text wholesale.
    redact: { paths: ["*.password", "*.secret", "*.authorization", "headers.authorization"], remove: true },
  });
}
