/**
 * Roles as people use them: set up the first coordinator safely, grant and remove roles, and
 * say who holds what. Every action is checked here, on the server, whatever the card or
 * command claimed. No Teams SDK: callers pass who is acting, already authenticated.
 */
import type { Clock } from "../clock.js";
import type { Refusal, Outcome } from "../domain/refusal.js";
import { can, isConfiguredCoordinator, ROLE_LABELS, type Role } from "../domain/roles.js";
import type { Logger } from "../logger.js";
import { ConcurrencyError, type RoleChange, type RoleHolder, type Stores } from "../store/index.js";
import type { Actor } from "./views.js";
import { refused } from "./refused.js";

/** Someone a role is given to or taken from, as Teams identified them. */
/** Someone a role is given to or taken from, as Teams names them. */
export type RoleTarget = Pick<Actor, "userId" | "displayName">;

/** The acting person, with their UPN when it was looked up (to match COORDINATORS by UPN). */
export type RoleActor = Actor & { readonly upn?: string };

/** Done with a message, or refused. */
export type RoleOutcome = Outcome;

export interface RoleList {
  readonly holders: readonly RoleHolder[];
  /** COORDINATORS from configuration, as written there. */
  readonly configured: readonly string[];
}

const NOT_ALLOWED: Refusal = {
  code: "not-allowed",
  message: "Only a CSE coordinator can give or remove roles. Type roles to see who the coordinators are.",
};

const ROLE_ATTEMPTS = 3;

export class RolesService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly configuredCoordinators: readonly string[],
  ) {}

  /** The roles `actor` holds: stored ones, plus coordinator when named in configuration. */
  async rolesOf(actor: RoleActor, known?: readonly Role[]): Promise<Role[]> {
    const stored = known ?? (await this.stores.roles.get(actor.tenantId, actor.userId))?.roles ?? [];
    const configured = isConfiguredCoordinator(this.configuredCoordinators, actor);
    return configured && !stored.includes("coordinator") ? ["coordinator", ...stored] : [...stored];
  }

  /** Makes the first person to ask the tenant's coordinator, once, when configuration names nobody. */
  async setup(actor: RoleActor): Promise<RoleOutcome> {
    if (this.configuredCoordinators.length > 0) {
      if (isConfiguredCoordinator(this.configuredCoordinators, actor))
        return {
          ok: true,
          message: "You are a CSE coordinator: your IT team named you in the bot's settings. Type help to see what coordinators can do.",
        };
      return refused(this.log, actor, "setup", {
        code: "not-allowed",
        message:
          "Coordinators for your council are named by your IT team (the COORDINATORS setting), so setup is not needed. Ask a coordinator to give you a role.",
      });
    }
    const mine = await this.stores.roles.get(actor.tenantId, actor.userId);
    if (mine?.roles.includes("coordinator")) return { ok: true, message: "You are already a CSE coordinator." };
    const coordinators = (await this.stores.roles.list(actor.tenantId)).filter((h) => h.roles.includes("coordinator"));
    if (coordinators.length > 0 || (await this.stores.roles.hasBootstrapped(actor.tenantId))) {
      return refused(this.log, actor, "setup", {
        code: "not-allowed",
        message: `Your council already has a CSE coordinator${names(coordinators)}. Ask them to give you a role.`,
      });
    }
    const holder: RoleHolder = {
      tenantId: actor.tenantId,
      userId: actor.userId,
      displayName: actor.displayName,
      roles: [...(mine?.roles ?? []), "coordinator"],
      etag: mine?.etag,
    };
    try {
      await this.stores.roles.save(holder, this.change(actor, actor, "coordinator", "setup"), true);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return refused(this.log, actor, "setup", {
        code: "conflict",
        message: "Someone else set up this council's coordinator at the same moment. Type roles to see who it is.",
      });
    }
    this.log.info({ tenant: actor.tenantId, user: actor.userId }, "first coordinator set up");
    return {
      ok: true,
      message:
        "You are now this council's CSE coordinator. This is recorded in the audit trail. You can give others roles with: role add reviewer @name",
    };
  }

  async grant(actor: RoleActor, target: RoleTarget, role: Role): Promise<RoleOutcome> {
    if (!can(await this.rolesOf(actor), "manage-roles")) return refused(this.log, actor, "grant", NOT_ALLOWED);
    return this.applyRoleChange(actor, target, role, "granted");
  }

  async revoke(actor: RoleActor, target: RoleTarget, role: Role): Promise<RoleOutcome> {
    if (!can(await this.rolesOf(actor), "manage-roles")) return refused(this.log, actor, "revoke", NOT_ALLOWED);
    if (role === "coordinator" && this.configuredCoordinators.length === 0) {
      const coordinators = (await this.stores.roles.list(actor.tenantId)).filter((h) => h.roles.includes("coordinator"));
      if (coordinators.length === 1 && coordinators[0]!.userId === target.userId) {
        return refused(this.log, actor, "revoke", {
          code: "not-allowed",
          message: `${target.displayName} is the only CSE coordinator. Make someone else a coordinator first.`,
        });
      }
    }
    return this.applyRoleChange(actor, target, role, "removed");
  }

  async list(actor: RoleActor): Promise<RoleList> {
    return { holders: await this.stores.roles.list(actor.tenantId), configured: this.configuredCoordinators };
  }

  private async applyRoleChange(actor: RoleActor, target: RoleTarget, role: Role, change: "granted" | "removed"): Promise<RoleOutcome> {
    const label = ROLE_LABELS[role];
    // A person's row also holds their place, which they move on every turn: a role change made
    // meanwhile is tried again on the newer row (a few times), never saved over it.
    for (let attempt = 1; ; attempt++) {
      const current = await this.stores.roles.get(actor.tenantId, target.userId);
      const roles = current?.roles ?? [];
      if (change === "granted" && roles.includes(role)) return { ok: true, message: `${target.displayName} is already a ${label}.` };
      if (change === "removed" && !roles.includes(role))
        return { ok: true, message: `${target.displayName} is not a ${label}, so nothing changed.` };
      const next = change === "granted" ? [...roles, role] : roles.filter((r) => r !== role);
      try {
        await this.stores.roles.save(
          { tenantId: actor.tenantId, userId: target.userId, displayName: target.displayName, roles: next, etag: current?.etag },
          this.change(actor, target, role, change),
        );
        break;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (attempt < ROLE_ATTEMPTS) continue;
        return refused(this.log, actor, change, {
          code: "conflict",
          message: `${target.displayName}'s roles were changed by someone else at the same moment, so nothing was saved. Please try again.`,
        });
      }
    }
    this.log.info({ tenant: actor.tenantId, by: actor.userId, target: target.userId, role, change }, "role changed");
    return {
      ok: true,
      message: change === "granted" ? `${target.displayName} is now a ${label}.` : `${target.displayName} is no longer a ${label}.`,
    };
  }

  private change(actor: Actor, target: RoleTarget, role: Role, change: RoleChange["change"]): RoleChange {
    return {
      targetId: target.userId,
      targetName: target.displayName,
      role,
      change,
      byId: actor.userId,
      byName: actor.displayName,
      at: this.clock.now().toISOString(),
    };
  }
}

function names(holders: readonly RoleHolder[]): string {
  return holders.length === 0 ? "" : ` (${holders.map((h) => h.displayName).join(", ")})`;
}
