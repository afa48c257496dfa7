/**
 * Improvement actions: `actions`, `action new`, `action 12`, in a channel `action 12 owner @name`,
 * and the buttons on the action cards and on reminder cards. ActionService checks every change
 * again, whatever a card or command claims.
 */
import { actionCard, actionFormCard, actionsCard, reminderCard, type ActionCardOptions } from "../../cards/index.js";
import { londonDay } from "../../domain/calendar.js";
import { can, type Role } from "../../domain/roles.js";
import type { ActionOutcome } from "../../services/actions.js";
import type { Actor, Notice } from "../../services/views.js";
import { findElement } from "../../standard/index.js";
import { cardAction, wordsOf, type BotDeps, type Feature, type Reply } from "../feature.js";
import { isRefusal } from "../identity.js";
import type { ActionListFilter, ParsedAction } from "../payload.js";
import { mentionedPerson } from "../people.js";

const USAGE = "Type actions to see your improvement actions, action new (or action new 3.2.1) to plan one, or action 12 to open one.";
const OWNER_USAGE = "Mention the new owner, in a team channel or group chat where I am: action 12 owner @name";

interface ListRequest {
  readonly filter: ActionListFilter;
  readonly ref?: string;
  readonly ownerId?: string;
}

/** A change pressed on a reminder card names the day the reminder was for; the card comes back with it marked. */
type Change = Extract<ParsedAction, { kind: "actionStatus" | "actionNote" | "actionSnooze" }>;

export const actionsFeature: Feature = {
  commands: [
    {
      // Before `action 12`: the first matching command wins.
      name: "action",
      pattern: /^\s*action\s+\d{1,8}\s+owner\b/i,
      where: "anywhere",
      help: [
        {
          usage: "action 12 owner @name",
          description: "In a team channel: give an improvement action to someone else (its owner or a coordinator)",
        },
      ],
      run: async (deps, { context, who, text }) => {
        const id = /^\s*action\s+(\d{1,8})/i.exec(text)?.[1] ?? "";
        const person = await mentionedPerson(context, deps.log);
        if (!person) return OWNER_USAGE;
        const outcome = await deps.actions.reassign(who, id, { userId: person.userId, name: person.displayName });
        return wordsOf(outcome);
      },
    },
    {
      name: "actions",
      pattern: /^\s*actions\b/i,
      where: "personal",
      help: [{ usage: "actions", description: "Your improvement actions (actions overdue, actions 3.2.1; coordinators: actions all)" }],
      run: (deps, { who, args }) => typedList(deps, who, args),
    },
    {
      name: "action",
      pattern: /^\s*action\b/i,
      where: "personal",
      help: [{ usage: "action new", description: "Plan an improvement action (action new 3.2.1 for an element); action 12 opens one" }],
      run: async (deps, { who, args }) => {
        const [first = "", ...rest] = args.split(/\s+/).filter(Boolean);
        if (first.toLowerCase() === "new") return actionFormCard({ today: today(deps), refs: rest.join(", ").slice(0, 100) || undefined });
        if (/^\d{1,8}$/.test(first) && rest.length === 0) return actionCardFor(deps, who, first);
        return USAGE;
      },
    },
  ],
  cardActions: [
    cardAction({
      kinds: ["actionForm"],
      where: "personal",
      run: (deps, _who, parsed) => Promise.resolve(actionFormCard({ today: today(deps), refs: parsed.ref })),
    }),
    cardAction({
      kinds: ["actionCreate"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const outcome = await deps.actions.create(who, parsed.draft);
        if (!outcome.ok) return actionFormCard({ today: today(deps), draft: parsed.draft, notice: outcome.refusal.message });
        return actionCardFor(deps, who, outcome.action.id, { notice: { tone: "good", text: outcome.message } });
      },
    }),
    // The overdue list is what a summary's button opens, wherever the summary was posted.
    cardAction({
      kinds: ["actions"],
      where: (parsed) => (parsed.filter === "overdue" ? "anywhere" : "personal"),
      run: (deps, who, parsed) => listCard(deps, who, parsed),
    }),
    cardAction({ kinds: ["action"], where: "personal", run: (deps, who, parsed) => actionCardFor(deps, who, parsed.id) }),
    cardAction({
      kinds: ["actionStatus", "actionNote", "actionSnooze"],
      where: "personal",
      run: async (deps, who, parsed) => {
        const onReminder = parsed.day ? await deps.reminders.view(who, parsed.day) : undefined;
        const outcome = await change(deps, who, parsed);
        if (onReminder && parsed.day) {
          const view = await deps.reminders.view(who, parsed.day);
          if (view) return reminderCard({ ...view, name: who.displayName, notice: noticeOf(outcome) }).card;
        }
        // Not from this person's reminder (or a forged day): answered as on the action's own card.
        return afterChange(deps, who, parsed.id, outcome, parsed.kind === "actionNote" ? { noteDraft: parsed.note } : {});
      },
    }),
    cardAction({
      kinds: ["actionDue"],
      where: "personal",
      run: async (deps, who, parsed) =>
        afterChange(deps, who, parsed.id, await deps.actions.changeDueDate(who, parsed.id, parsed.dueOn), { dueDraft: parsed.dueOn }),
    }),
  ],
};

function today(deps: BotDeps): string {
  return londonDay(deps.clock.now());
}

function change(deps: BotDeps, who: Actor, parsed: Change): Promise<ActionOutcome> {
  if (parsed.kind === "actionStatus") return deps.actions.setStatus(who, parsed.id, parsed.to);
  if (parsed.kind === "actionNote") return deps.actions.addNote(who, parsed.id, parsed.note);
  return deps.actions.snooze(who, parsed.id, parsed.length);
}

function noticeOf(outcome: ActionOutcome): Notice {
  return outcome.ok ? { tone: "good", text: outcome.message } : { tone: "attention", text: outcome.refusal.message };
}

/** The action's card with the outcome at the top; what was typed stays when it was refused. */
function afterChange(
  deps: BotDeps,
  who: Actor,
  id: string,
  outcome: ActionOutcome,
  typed: Pick<ActionCardOptions, "noteDraft" | "dueDraft"> = {},
): Promise<Reply> {
  return actionCardFor(deps, who, id, outcome.ok ? { notice: noticeOf(outcome) } : { ...typed, notice: noticeOf(outcome) });
}

async function actionCardFor(deps: BotDeps, who: Actor, id: string, opts: ActionCardOptions = {}): Promise<Reply> {
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
async function listCard(deps: BotDeps, who: Actor, request: ListRequest, notice?: Notice): Promise<Reply> {
  const canSeeAll = seesAll(await deps.roles.rolesOf(who));
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
async function typedList(deps: BotDeps, who: Actor, arg: string): Promise<Reply> {
  const word = arg.toLowerCase();
  if (word === "" || word === "mine") return listCard(deps, who, { filter: "mine" });
  if (word === "all" || word === "everyone") return listCard(deps, who, { filter: "all" });
  if (word === "overdue") return listCard(deps, who, { filter: "overdue" });
  if (/^\d+(\.\d+)*$/.test(word)) {
    if (!findElement(word)) return `There is no element "${word.slice(0, 20)}" in the CSE standard. For example: actions 3.2.1`;
    return listCard(deps, who, { filter: "mine", ref: word });
  }
  if (!seesAll(await deps.roles.rolesOf(who))) return USAGE;
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
