/**
 * Who does what: `setup`, `roles`, `role add|remove <role> @person`, `assign 3.2 @person` and
 * `my work`. People are resolved with the Bot Connector's member lookup, so their Entra object id
 * comes from Teams, not from the text.
 */
import { TeamsInfo, type TurnContext } from "botbuilder";
import { assignFormCard, myWorkCard, PEOPLE_DATASET } from "../../cards/index.js";
import { can, GRANTABLE_ROLES, parseRole, ROLE_LABELS } from "../../domain/roles.js";
import type { RoleActor } from "../../services/roles.js";
import type { Actor } from "../../services/views.js";
import { cardAction, wordsOf, type BotDeps, type Feature, type Reply } from "../feature.js";
import { isPersonalChat } from "../identity.js";
import { mentionedPerson } from "../people.js";

const ROLE_USAGE = `Give or remove a role by mentioning the person, in a team channel or group chat where I am: role add reviewer @name (roles: ${GRANTABLE_ROLES.join(", ")})`;
const ASSIGN_USAGE =
  "Assign by mentioning the owner, in a team channel or group chat where I am: assign 3.2 @name (a criterion such as 3, a sub-criterion such as 3.2, or an element such as 3.2.1). It applies to the campaign and unit you are working in.";

/** The sender, with their UPN when coordinators are named by UPN in the bot's settings. */
async function roleActor(deps: BotDeps, context: TurnContext, who: Actor): Promise<RoleActor> {
  if (!deps.coordinatorsByUpn) return who;
  try {
    const me = await TeamsInfo.getMember(context, context.activity.from.id);
    return { ...who, upn: me.userPrincipalName };
  } catch (error) {
    deps.log.warn({ err: error, tenant: who.tenantId }, "could not look up the sender's UPN");
    return who;
  }
}

export const rolesFeature: Feature = {
  commands: [
    {
      name: "setup",
      pattern: /^\s*setup\s*$/i,
      where: "anywhere",
      help: [{ usage: "setup", description: "Become your council's first CSE coordinator (only when there is none)" }],
      run: async (deps, { context, who }) => {
        const outcome = await deps.roles.setup(await roleActor(deps, context, who));
        return wordsOf(outcome);
      },
    },
    {
      name: "roles",
      pattern: /^\s*roles\s*$/i,
      where: "anywhere",
      help: [{ usage: "roles", description: "Who the coordinators, reviewers, contributors and leaders are" }],
      run: async (deps, { context, who }) => {
        const { holders, configured } = await deps.roles.list(await roleActor(deps, context, who));
        const lines = GRANTABLE_ROLES.map((role) => {
          const names = holders.filter((h) => h.roles.includes(role)).map((h) => h.displayName);
          return `${ROLE_LABELS[role]}: ${names.length ? names.join(", ") : "nobody yet"}`;
        });
        if (configured.length)
          lines.push(
            `Also coordinators through the bot's settings: ${configured.length} ${configured.length === 1 ? "person" : "people"}.`,
          );
        else if (!holders.some((h) => h.roles.includes("coordinator")))
          lines.push("No coordinator yet: the person who will run the self-assessment should type setup.");
        return lines.join("\n\n");
      },
    },
    {
      name: "role",
      pattern: /^\s*role\b/i,
      where: "anywhere",
      help: [{ usage: "role add reviewer @name", description: "Coordinators, in a team channel: give or remove a role (role remove ...)" }],
      run: async (deps, { context, who, args }) => {
        const [verb, roleWord] = args.split(/\s+/);
        const role = parseRole(roleWord);
        if ((verb !== "add" && verb !== "remove") || !role) return ROLE_USAGE;
        const target = await mentionedPerson(context, deps.log);
        if (!target) return `I could not tell who you mean. ${ROLE_USAGE}`;
        const me = await roleActor(deps, context, who);
        const outcome = verb === "add" ? await deps.roles.grant(me, target, role) : await deps.roles.revoke(me, target, role);
        return wordsOf(outcome);
      },
    },
  ],
  cardActions: [],
};

export const assignmentsFeature: Feature = {
  commands: [
    {
      name: "my",
      pattern: /^\s*my\s+work\s*$/i,
      where: "personal",
      help: [{ usage: "my work", description: "The elements assigned to you, with their status" }],
      run: async (deps, { who }) => myWorkCard(await deps.assignments.myWork(who, await deps.walkthrough.currentCampaign(who))),
    },
    {
      name: "assign",
      pattern: /^\s*assign\b/i,
      where: "anywhere",
      help: [
        {
          usage: "assign 3.2",
          description:
            "Coordinators: give a criterion, sub-criterion or element to an owner, picked from a list (or assign 3.2 @name in a team channel)",
        },
      ],
      run: async (deps, { context, who, args }) => {
        const spec = args.split(/\s+/)[0] ?? "";
        // In a one-to-one chat, without a mention: the card with the people picker.
        if (isPersonalChat(context.activity) && !args.includes("@")) return assignForm(deps, who, spec);
        const owner = await mentionedPerson(context, deps.log);
        if (!spec || !owner) return ASSIGN_USAGE;
        const outcome = await deps.assignments.assign(who, await deps.walkthrough.scope(who), spec, {
          userId: owner.userId,
          name: owner.displayName,
        });
        return wordsOf(outcome);
      },
    },
  ],
  cardActions: [
    cardAction({ kinds: ["assignForm"], where: "personal", run: (deps, who, parsed) => assignForm(deps, who, parsed.ref ?? "") }),
    cardAction({
      kinds: ["assignCreate"],
      where: "personal",
      run: async (deps, who, parsed) =>
        wordsOf(await deps.assignments.assignTo(who, await deps.walkthrough.scope(who), parsed.scope, parsed.assignee)),
    }),
  ],
  searches: [
    {
      dataset: PEOPLE_DATASET,
      run: async (deps, who, queryText, count) =>
        (await deps.assignments.people(who, queryText, count)).map((p) => ({ title: p.name, value: p.userId })),
    },
  ],
};

/** The assign card for coordinators; words for anyone else. */
async function assignForm(deps: BotDeps, who: Actor, selected: string): Promise<Reply> {
  if (!can(await deps.roles.rolesOf(who), "manage-campaigns"))
    return "Only a CSE coordinator can assign elements. Type roles to see who the coordinators are.";
  const { campaign, unit } = await deps.walkthrough.scope(who);
  const people = await deps.assignments.people(who, "", 15);
  return assignFormCard({ campaignName: campaign.name, ...(campaign.units.length > 1 ? { unitName: unit.name } : {}), selected, people });
}
