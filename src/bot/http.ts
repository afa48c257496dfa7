/**
 * Hands one POST /api/messages request to the Bot Framework adapter. We call processActivity
 * (through BotAdapter.handle) rather than adapter.process() so that rejected requests are logged through our
 * logger (no stack trace per unsigned request) and callers never see internal error text.
 */
import { AuthenticationError } from "botframework-connector";
import type { Activity, TurnContext } from "botbuilder";
import type { Logger } from "../logger.js";
import type { BotAdapter } from "./adapter.js";

export interface HttpReply {
  readonly status: number;
  readonly body?: unknown;
}

export async function processMessage(
  adapter: BotAdapter,
  body: unknown,
  authorization: string | undefined,
  logic: (context: TurnContext) => Promise<void>,
  log: Logger,
): Promise<HttpReply> {
  if (typeof body !== "object" || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== "string") {
    log.warn({ route: "messages" }, "request without a Bot Framework activity refused");
    return { status: 400, body: { error: "Expected a Bot Framework activity." } };
  }
  try {
    const invokeResponse = await adapter.handle(authorization ?? "", body as Activity, logic);
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  } catch (error) {
    if (error instanceof AuthenticationError) {
      log.warn({ route: "messages", reason: error.message.split("\n")[0] }, "unauthenticated request refused");
      return { status: 401, body: { error: "Unauthorized" } };
    }
    log.error({ err: error, route: "messages" }, "activity processing failed");
    return { status: 500, body: { error: "The bot could not process this activity." } };
  }
}
