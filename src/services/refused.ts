/** The one way a service refuses: the refusal is logged (who, what, why; never its words, which can quote what was typed) and returned. */
import type { Refusal } from "../domain/refusal.js";
import type { Logger } from "../logger.js";
import type { Actor } from "./views.js";

export function refused(log: Logger, actor: Actor, action: string, refusal: Refusal): { ok: false; refusal: Refusal } {
  log.warn({ tenant: actor.tenantId, user: actor.userId, action, code: refusal.code }, `${action} refused`);
  return { ok: false, refusal };
}
