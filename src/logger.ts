/** The one logger (pino: structured JSON lines, cheap when a level is off). */
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/** `destination` defaults to standard output; tests pass a stream to read what was logged. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? "info", destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: "cse-bot" },
    // Never log secrets or message text wholesale.
    redact: { paths: ["*.password", "*.secret", "*.authorization", "headers.authorization"], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}
