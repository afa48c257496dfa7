/**
 * Who is acting, taken from the activity Teams sent (signed when the bot has credentials), never
 * from card data. Tenant comes from the conversation; a mismatch with channelData is tampering.
 */
import type { Activity } from "botbuilder";
import type { Refusal } from "../domain/refusal.js";
import { cleanLine } from "../domain/typed-text.js";
import type { Actor } from "../services/views.js";

/** Tenant used in local mode when a test client sends none. */
export const LOCAL_TENANT = "local-development";

const MAX_ID = 200;
/** Names as Teams sends them are short; a longer one is cut (it is shown on cards and in the audit). */
const MAX_NAME = 100;

export function actorFrom(activity: Partial<Activity>, localMode: boolean): Actor | Refusal {
  const conversationTenant = activity.conversation?.tenantId;
  const channelTenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (conversationTenant && channelTenant && conversationTenant !== channelTenant) {
    return {
      code: "missing-identity",
      message: "This message came with two different organisations attached, so I cannot tell whose data it is. Nothing was changed.",
    };
  }
  const tenantId = conversationTenant ?? channelTenant ?? (localMode ? LOCAL_TENANT : undefined);
  const userId = activity.from?.aadObjectId ?? activity.from?.id;
  if (!tenantId || !userId || tenantId.length > MAX_ID || userId.length > MAX_ID) {
    return {
      code: "missing-identity",
      message:
        "I could not tell which organisation or person this came from, so nothing was changed. Please use the app from inside Microsoft Teams.",
    };
  }
  return { tenantId, userId, displayName: cleanLine(activity.from?.name ?? "").slice(0, MAX_NAME) };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

export function isPersonalChat(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === "personal";
}
