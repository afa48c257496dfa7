/**
 * Role commands: `setup`, `roles`, `role add|remove <role> @person`. People are resolved with the
 * Bot Connector's member lookup, so their Entra object id comes from Teams, not from the text.
 */
import { TeamsInfo, type TurnContext } from "botbuilder";
import { mentionedPerson } from "./people.js";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { GRANTABLE_ROLES, parseRole, ROLE_LABELS } from "../domain/roles.js";
import type { Logger } from "../logger.js";
import type { RoleActor, RolesService } from "../services/roles.js";
import type { Actor } from "../services/walkthrough.js";

export interface RoleCommandDeps {
  readonly roles: RolesService;
  readonly log: Logger;
  /** Who is acting, or undefined (already answered) when that cannot be told. */
  readonly actor: (context: TurnContext) => Actor | undefined;
  /** True when COORDINATORS names people by UPN, so the sender's UPN must be looked up. */
  readonly needsUpn: boolean;
}

const USAGE = `Give or remove a role by mentioning the person, in a team channel or group chat where I am: role add reviewer @name (roles: ${GRANTABLE_ROLES.join(", ")})`;

export function registerRoleCommands(app: Application<TurnState>, deps: RoleCommandDeps): void {
  const { roles, log } = deps;

  const roleActor = async (context: TurnContext): Promise<RoleActor | undefined> => {
    const who = deps.actor(context);
    if (!who || !deps.needsUpn) return who;
    try {
      const me = await TeamsInfo.getMember(context, context.activity.from.id);
      return { ...who, upn: me.userPrincipalName };
    } catch (error) {
      log.warn({ err: error, tenant: who.tenantId }, "could not look up the sender's UPN");
      return who;
    }
  };

  app.message(/^\s*setup\s*$/i, async (context) => {
    const who = await roleActor(context);
    if (!who) return;
    const outcome = await roles.setup(who);
    await context.sendActivity(outcome.ok ? outcome.message : outcome.refusal.message);
  });

  app.message(/^\s*roles\s*$/i, async (context) => {
    const who = await roleActor(context);
    if (!who) return;
    const { holders, configured } = await roles.list(who);
    const lines = GRANTABLE_ROLES.map((role) => {
      const names = holders.filter((h) => h.roles.includes(role)).map((h) => h.displayName);
      return `${ROLE_LABELS[role]}: ${names.length ? names.join(", ") : "nobody yet"}`;
    });
    if (configured.length)
      lines.push(`Also coordinators through the bot's settings: ${configured.length} ${configured.length === 1 ? "person" : "people"}.`);
    else if (!holders.some((h) => h.roles.includes("coordinator")))
      lines.push("No coordinator yet: the person who will run the self-assessment should type setup.");
    await context.sendActivity(lines.join("\n\n"));
  });

  app.message(/^\s*role\b/i, async (context) => {
    const who = await roleActor(context);
    if (!who) return;
    const [, verb, roleWord] = (context.activity.text ?? "").trim().split(/\s+/);
    const role = parseRole(roleWord);
    if ((verb !== "add" && verb !== "remove") || !role) return void (await context.sendActivity(USAGE));
    const target = await mentionedPerson(context, log);
    if (!target) return void (await context.sendActivity(`I could not tell who you mean. ${USAGE}`));
    const outcome = verb === "add" ? await roles.grant(who, target, role) : await roles.revoke(who, target, role);
    await context.sendActivity(outcome.ok ? outcome.message : outcome.refusal.message);
  });
}
