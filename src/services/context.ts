/**
 * What every service is built with: storage, the clock, the log, and the roles each person holds
 * (every action is checked against them on the server). One context, built once at start-up,
 * instead of the same four arguments typed out for each service.
 */
import type { Clock } from "../clock.js";
import type { Role } from "../domain/roles.js";
import type { Logger } from "../logger.js";
import type { Stores } from "../store/index.js";
import type { Actor } from "./views.js";

/** The roles `actor` holds; `stored`: the roles of their row, when the turn has read it already (no second read). */
export type RolesOf = (actor: Actor, stored?: readonly Role[]) => Promise<readonly Role[]>;

export interface ServiceContext {
  readonly stores: Stores;
  readonly clock: Clock;
  readonly log: Logger;
  readonly rolesOf: RolesOf;
}

/** A service's view of its context, under the names every service uses. */
export abstract class Service {
  protected readonly stores: Stores;
  protected readonly clock: Clock;
  protected readonly log: Logger;
  protected readonly rolesOf: RolesOf;
  /** All of it, for the functions services share. */
  protected readonly context: ServiceContext;

  constructor(context: ServiceContext) {
    this.context = context;
    this.stores = context.stores;
    this.clock = context.clock;
    this.log = context.log;
    this.rolesOf = context.rolesOf;
  }
}
