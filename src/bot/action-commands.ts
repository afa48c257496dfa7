/**
 * Improvement action commands (`actions`, `action new`, `action 12`, and in a channel
 * `action 12 owner @name`) and the buttons on the action cards. ActionService checks every
 * change again, whatever a card or command claims.
 */
import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { actionCard, actionFormCard, actionsCard, type ActionCardOptions, type AdaptiveCard } from "../cards/index.js";
import type { Clock } from "../clock.js";
import { londonDay } from "../domain/calendar.js";
import { can, type Role } from "../domain/roles.js";
import type { Logger } from "../logger.js";
import type { ActionOutcome, ActionService } from "../services/actions.js";
import type { Actor, Notice, WalkthroughService } from "../services/walkthrough.js";
import { findElement } from "../standard/index.js";
import { isRefusal } from "./identity.js";
import type { ActionListFilter, ParsedAction } from "./payload.js";
import { mentionedPerson } from "./people.js";

/** What the action cards need: enough for another card (a reminder) to run these buttons too. */
export interface ActionCardDeps {
  readonly actions: ActionService;
  /** The viewer's campaign and unit, where an action's element buttons open. */
  readonly walkthrough: WalkthroughService;
  readonly rolesOf: (actor: Actor) => Promise<readonly Role[]>;
  readonly clock: Clock;
}

export interface ActionCommandDeps extends ActionCardDeps {
  readonly log: Logger;
  readonly actor: (context: TurnContext) => Actor | undefined;
  readonly personalActor: (context: TurnContext) => Promise<Actor | undefined>;
  readonly sendCard: (context: TurnContext, card: AdaptiveCard) => Promise<unknown>;
}

export type ActionCardAction = Extract<ParsedAction, { kind: `action${string}` }>;

export function isActionCardAction(parsed: ParsedAction): parsed is ActionCardAction {
  return parsed.kind.startsWith("action");
}

interface ListRequest {
  readonly filter: ActionListFilter;
  readonly ref?: string;
  readonly ownerId?: string;
}

const USAGE = "Type actions to see your improvement actions, action new (or action new 3.2.1) to plan one, or action 12 to open one.";
const OWNER_USAGE = "Mention the new owner, in a team channel or group chat where I am: action 12 owner @name";

/** Runs a button pressed on an action form, an action, a list of actions or a reminder. */
export async function runActionCardAction(deps: ActionCardDeps, who: Actor, parsed: ActionCardAction): Promise<AdaptiveCard | string> {
  const today = londonDay(deps.clock.now());
  switch (parsed.kind) {
    case "actionForm":
      return actionFormCard({ today, refs: parsed.ref });
    case "actionCreate": {
      const outcome = await deps.actions.create(who, parsed.draft);
      if (!outcome.ok) return actionFormCard({ today, draft: parsed.draft, notice: outcome.refusal.message });
      return actionCardFor(deps, who, outcome.action.id, { notice: { tone: "good", text: outcome.message } });
    }
    case "actions":
      return listCard(deps, who, parsed);
    case "action":
      return actionCardFor(deps, who, parsed.id);
    case "actionStatus":
      return afterChange(deps, who, parsed.id, await deps.actions.setStatus(who, parsed.id, parsed.to));
    case "actionNote":
      return afterChange(deps, who, parsed.id, await deps.actions.addNote(who, parsed.id, parsed.note), { noteDraft: parsed.note });
    case "actionSnooze":
      return afterChange(deps, who, parsed.id, await deps.actions.snooze(who, parsed.id, parsed.length));
    case "actionDue":
      return afterChange(deps, who, parsed.id, await deps.actions.changeDueDate(who, parsed.id, parsed.dueOn), { dueDraft: parsed.dueOn });
  }
}

/** The action's card with the outcome at the top; what was typed stays when it was refused. */
function afterChange(
  deps: ActionCardDeps,
  who: Actor,
  id: string,
  outcome: ActionOutcome,
  typed: Pick<ActionCardOptions, "noteDraft" | "dueDraft"> = {},
): Promise<AdaptiveCard | string> {
  if (outcome.ok) return actionCardFor(deps, who, id, { notice: { tone: "good", text: outcome.message } });
  return actionCardFor(deps, who, id, { ...typed, notice: { tone: "attention", text: outcome.refusal.message } });
}

async function actionCardFor(deps: ActionCardDeps, who: Actor, id: string, opts: ActionCardOptions = {}): Promise<AdaptiveCard | string> {
  const view = await deps.actions.view(who, id);
  // Not in this organisation: there is no card to show, only the words.
  if (isRefusal(view)) return opts.notice?.tone === "attention" ? opts.notice.text : view.message;
  const scope = await deps.walkthrough.scope(who);
  return actionCard(view, { ...opts, campaignId: scope.campaign.id, unitId: scope.unit.id });
}

/**
 * Mine by default. Coordinators and leaders see everyone's when they ask for all, and when they
 * narrow by element, owner or overdue; others always see their own.
 */
async function listCard(deps: ActionCardDeps, who: Actor, request: ListRequest, notice?: Notice): Promise<AdaptiveCard | string> {
  const canSeeAll = seesAll(await deps.rolesOf(who));
  const narrowed = request.filter === "overdue" || request.ref !== undefined || request.ownerId !== undefined;
  const all = request.filter === "all" || (canSeeAll && narrowed);
  const view = await deps.actions.list(who, { all, ref: request.ref, ownerId: request.ownerId, overdueOnly: request.filter === "overdue" });
  if (!isRefusal(view)) return actionsCard(view, { canSeeAll, notice });
  // Asked for everyone's without the role: their own, and why.
  const mine = await deps.actions.list(who, {});
  return isRefusal(mine) ? view.message : actionsCard(mine, { canSeeAll, notice: { tone: "attention", text: view.message } });
}

function seesAll(roles: readonly Role[]): boolean {
  return can(roles, "manage-campaigns") || roles.includes("leader");
}

/** `actions <what>`: all, overdue, an element, or (coordinators and leaders) part of an owner's name. */
async function typedList(deps: ActionCardDeps, who: Actor, arg: string): Promise<AdaptiveCard | string> {
  const word = arg.toLowerCase();
  if (word === "" || word === "mine") return listCard(deps, who, { filter: "mine" });
  if (word === "all" || word === "everyone") return listCard(deps, who, { filter: "all" });
  if (word === "overdue") return listCard(deps, who, { filter: "overdue" });
  if (/^\d+(\.\d+)*$/.test(word)) {
    if (!findElement(word)) return `There is no element "${word.slice(0, 20)}" in the CSE standard. For example: actions 3.2.1`;
    return listCard(deps, who, { filter: "mine", ref: word });
  }
  if (!seesAll(await deps.rolesOf(who))) return USAGE;
  const everyone = await deps.actions.list(who, { all: true });
  if (isRefusal(everyone)) return everyone.message;
  const owners = new Map(
    everyone.actions.filter((a) => a.owner.name.toLowerCase().includes(word)).map((a) => [a.owner.userId, a.owner.name]),
  );
  const quoted = `"${arg.slice(0, 40)}"`;
  if (owners.size === 0) return `Nobody called ${quoted} has open improvement actions. Type actions all to see everyone's.`;
  if (owners.size > 1) return `Several people match ${quoted}: ${[...owners.values()].slice(0, 10).join(", ")}. Type more of the name.`;
  return listCard(deps, who, { filter: "all", ownerId: [...owners.keys()][0] });
}

export function registerActionCommands(app: Application<TurnState>, deps: ActionCommandDeps): void {
  const reply = async (context: TurnContext, result: AdaptiveCard | string) => {
    await (typeof result === "string" ? context.sendActivity(result) : deps.sendCard(context, result));
  };

  // Before `action 12`: the first matching route wins.
  app.message(/^\s*action\s+\d{1,8}\s+owner\b/i, async (context) => {
    const who = deps.actor(context);
    if (!who) return;
    const id = /^\s*action\s+(\d{1,8})/i.exec(context.activity.text ?? "")?.[1] ?? "";
    const person = await mentionedPerson(context, deps.log);
    if (!person) return void (await context.sendActivity(OWNER_USAGE));
    const outcome = await deps.actions.reassign(who, id, { userId: person.userId, name: person.displayName });
    await context.sendActivity(outcome.ok ? outcome.message : outcome.refusal.message);
  });

  app.message(/^\s*actions\b/i, async (context) => {
    const who = await deps.personalActor(context);
    if (!who) return;
    const arg = (context.activity.text ?? "")
      .trim()
      .replace(/^actions\s*/i, "")
      .trim();
    await reply(context, await typedList(deps, who, arg));
  });

  app.message(/^\s*action\b/i, async (context) => {
    const who = await deps.personalActor(context);
    if (!who) return;
    const words = (context.activity.text ?? "").trim().split(/\s+/).slice(1);
    const [first = "", ...rest] = words;
    if (first.toLowerCase() === "new")
      return reply(context, await runActionCardAction(deps, who, { kind: "actionForm", ref: rest.join(", ").slice(0, 100) || undefined }));
    if (/^\d{1,8}$/.test(first) && rest.length === 0)
      return reply(context, await runActionCardAction(deps, who, { kind: "action", id: first }));
    await context.sendActivity(USAGE);
  });
}
