/**
 * Hands one POST /api/messages request to the Bot Framework adapter, answering every failure by
 * its cause and never with a stack or internal text:
 *   415  not JSON;  400  not a Bot Framework activity (says which field);
 *   401  no token, or one that is malformed, unsigned, signed with a symmetric key, or invalid;
 *   503  the token cannot be checked (Microsoft's signing keys unreachable), or the turn could
 *        not be run at all (logged, with the cause).
 * A token whose algorithm the Bot Framework never uses is refused before any network call.
 */
import { AuthenticationConstants, AuthenticationError } from "botframework-connector";
import type { Activity, TurnContext } from "botbuilder";
import { z } from "zod";
import type { Logger } from "../logger.js";
import type { BotAdapter } from "./adapter.js";

export interface HttpReply {
  readonly status: number;
  readonly body?: unknown;
}

export interface IncomingRequest {
  readonly body: unknown;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
}

/** What every activity Teams sends carries; the SDK fails deep inside without any of it. */
const ACTIVITY = z.object({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  from: z.object({ id: z.string().min(1) }),
  recipient: z.object({ id: z.string().min(1) }),
  conversation: z.object({ id: z.string().min(1) }),
});

/** Errors the token checks raise for a token that is simply not good (as opposed to checks that could not run). */
const TOKEN_REFUSALS = new Set(["JsonWebTokenError", "TokenExpiredError", "NotBeforeError"]);

export async function processMessage(
  adapter: BotAdapter,
  request: IncomingRequest,
  logic: (context: TurnContext) => Promise<void>,
  log: Logger,
): Promise<HttpReply> {
  if (!/^application\/json\b/i.test(request.contentType ?? "")) {
    log.warn({ route: "messages", contentType: request.contentType }, "request that is not JSON refused");
    return { status: 415, body: { error: "Send the activity as JSON (Content-Type: application/json)." } };
  }
  const shape = ACTIVITY.safeParse(request.body);
  if (!shape.success) {
    const fields = [...new Set(shape.error.issues.map((i) => i.path.join(".") || "body"))];
    log.warn({ route: "messages", fields }, "request without a Bot Framework activity refused");
    return { status: 400, body: { error: `Expected a Bot Framework activity; missing or wrong: ${fields.join(", ")}.` } };
  }
  const activity = request.body as Activity;

  if (adapter.requiresToken && !plausibleBotFrameworkToken(request.authorization)) {
    log.warn({ route: "messages", reason: "no RS-signed bearer token" }, "unauthenticated request refused");
    return { status: 401, body: { error: "Unauthorized" } };
  }
  let authenticated: Awaited<ReturnType<BotAdapter["authenticate"]>>;
  try {
    authenticated = await adapter.authenticate(activity, request.authorization ?? "");
  } catch (error) {
    // The SDK raises AuthenticationError with status 500 when it could not load the signing keys.
    const refused =
      error instanceof AuthenticationError ? error.statusCode < 500 : error instanceof Error && TOKEN_REFUSALS.has(error.name);
    if (refused) {
      log.warn({ route: "messages", reason: (error as Error).message.split("\n")[0] }, "unauthenticated request refused");
      return { status: 401, body: { error: "Unauthorized" } };
    }
    log.error({ err: error, route: "messages" }, "could not check the request's token: Bot Framework signing keys unreachable");
    return {
      status: 503,
      body: { error: "The bot cannot check the request's signature just now (signing keys unreachable). Try again shortly." },
    };
  }
  try {
    const invokeResponse = await adapter.handle(authenticated, activity, logic);
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  } catch (error) {
    log.error({ err: error, route: "messages", type: activity.type }, "activity processing failed");
    return { status: 503, body: { error: "The bot could not process this activity just now. Try again shortly." } };
  }
}

/**
 * "Bearer <header>.<payload>.<signature>" whose header names an algorithm the Bot Framework signs
 * with (RS256/384/512). `alg: none` and HMAC (HS*) tokens are refused here, before the SDK would
 * fetch signing keys to check them.
 */
function plausibleBotFrameworkToken(authorization: string | undefined): boolean {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization?.trim() ?? "");
  if (!match) return false;
  try {
    const header = JSON.parse(Buffer.from(match[1]!, "base64url").toString("utf8")) as { alg?: unknown };
    return typeof header.alg === "string" && AuthenticationConstants.AllowedSigningAlgorithms.includes(header.alg);
  } catch {
    return false;
  }
}
