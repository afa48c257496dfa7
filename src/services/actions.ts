/**
 * Improvement actions as people work them: create (from an element, by command, or by import),
 * list, progress notes, status, snooze, reassign. Every change reschedules the action's reminder
 * in the same transaction. Checked here, on the server: owners and coordinators change an action,
 * leaders and coordinators see everyone's. No Teams SDK.
 */
import {
  isClosed,
  isOverdue,
  statusLabel,
  validateActionDraft,
  validateNote,
  type ActionDraft,
  type ActionStatus,
  type ImprovementAction,
  type Person,
  type ProgressNote,
} from "../domain/actions.js";
import { addWorkingDays, formatLondonDay, londonDay, workingDayOnOrAfter, type IsoDate } from "../domain/calendar.js";
import type { Refusal } from "../domain/refusal.js";
import { DEFAULT_POLICY, nextActionReminder, type ReminderPolicy } from "../domain/reminders.js";
import { can, type Role } from "../domain/roles.js";
import { ConcurrencyError } from "../store/index.js";
import type { ActionChange, ActionLink, StoredAction } from "../store/actions.js";
import { tellPerson } from "./messaging.js";
import type { Actor, Notifier } from "./views.js";
import { refused } from "./refused.js";
import { Service, type ServiceContext } from "./context.js";

export type ActionOutcome =
  { readonly ok: true; readonly action: StoredAction; readonly message: string } | { readonly ok: false; readonly refusal: Refusal };

export interface ActionView {
  readonly action: StoredAction;
  readonly overdue: boolean;
  /** Newest first. */
  readonly notes: readonly ProgressNote[];
  /** The viewer may change it (its owner or a coordinator). */
  readonly canEdit: boolean;
  readonly today: IsoDate;
}

export interface ActionFilter {
  /** Everyone's (coordinators and leaders only); otherwise the viewer's own. */
  readonly all?: boolean;
  readonly ownerId?: string;
  readonly ref?: string;
  readonly overdueOnly?: boolean;
  /** Finished ones too. */
  readonly includeClosed?: boolean;
}

export interface ActionListView {
  readonly actions: readonly StoredAction[];
  readonly today: IsoDate;
  readonly everyone: boolean;
  readonly filter: ActionFilter;
}

export type SnoozeLength = "day" | "week";

const NOT_FOUND: Refusal = {
  code: "invalid-payload",
  message: "That improvement action is not in your organisation, so nothing was changed.",
};
const NOT_YOURS: Refusal = { code: "not-allowed", message: "Only the action's owner or a CSE coordinator can change it." };
const ONLY_COORDINATORS_SEE_ALL: Refusal = {
  code: "not-allowed",
  message: "Only CSE coordinators and leaders can see everyone's actions. Type actions to see yours.",
};

export class ActionService extends Service {
  constructor(
    context: ServiceContext,
    private readonly notifier: Notifier,
    private readonly policy: ReminderPolicy = DEFAULT_POLICY,
  ) {
    super(context);
  }

  /**
   * A new action. The owner is the creator unless a coordinator names someone else, who is told.
   * It belongs to the creator's current campaign, whose leads hear when it is long overdue.
   */
  async create(actor: Actor, draft: ActionDraft, owner?: Person): Promise<ActionOutcome> {
    const today = this.today();
    const checked = validateActionDraft(draft, today);
    if (!checked.ok) return refused(this.log, actor, "create", checked.refusal);
    const roles = await this.rolesOf(actor);
    if (!can(roles, "edit-elements"))
      return refused(this.log, actor, "create", {
        code: "not-allowed",
        message: "Leaders can see improvement actions but not create them. Ask your CSE coordinator.",
      });
    const me: Person = { userId: actor.userId, name: actor.displayName };
    if (owner && owner.userId !== me.userId && !can(roles, "manage-campaigns"))
      return refused(this.log, actor, "create", {
        code: "not-allowed",
        message: "Only a CSE coordinator can give an action to someone else.",
      });
    const campaignId =
      (await this.stores.participants.get(actor.tenantId, actor.userId))?.campaignId ||
      (await this.stores.campaigns.activeCampaignId(actor.tenantId));
    const at = this.clock.now().toISOString();
    const build = (id: string): ImprovementAction => ({
      ...checked.value,
      tenantId: actor.tenantId,
      id,
      campaignId,
      owner: owner ?? me,
      status: "open",
      createdBy: me,
      createdAt: at,
      updatedAt: at,
    });
    const remindOn = nextActionReminder({ ...checked.value, status: "open" }, today, this.policy)?.on;
    const action = await this.stores.actions.create(actor.tenantId, build, remindOn, { by: me, at });
    await this.stores.tenants.register(actor.tenantId);
    this.log.info({ tenant: actor.tenantId, action: action.id, refs: action.refs.length }, "improvement action created");
    const told =
      action.owner.userId !== me.userId &&
      (await this.tellOwner(
        action,
        `${me.name} gave you improvement action ${action.id}: "${action.title}" (${action.refs.join(", ")}), due ${formatLondonDay(action.dueOn)}. Type action ${action.id} to see it.`,
      ));
    return {
      ok: true,
      action,
      message: `Improvement action ${action.id} created, due ${formatLondonDay(action.dueOn)}, owned by ${action.owner.name}.${told ? ` ${action.owner.name} has been told.` : ""}`,
    };
  }

  async view(actor: Actor, id: string): Promise<ActionView | Refusal> {
    const action = await this.stores.actions.get(actor.tenantId, id);
    if (!action)
      return {
        code: "invalid-payload",
        message: `There is no improvement action ${id.slice(0, 8)} in your organisation. Type actions to see yours.`,
      };
    const [notes, roles] = await Promise.all([this.stores.actions.notes(actor.tenantId, id), this.rolesOf(actor)]);
    const today = this.today();
    return { action, notes, today, overdue: isOverdue(action, today), canEdit: mayChange(actor, action, roles) };
  }

  async list(actor: Actor, filter: ActionFilter = {}): Promise<ActionListView | Refusal> {
    const roles = await this.rolesOf(actor);
    const everyone = filter.all === true || (filter.ownerId !== undefined && filter.ownerId !== actor.userId);
    if (everyone && !(can(roles, "manage-campaigns") || roles.includes("leader"))) return ONLY_COORDINATORS_SEE_ALL;
    const ownerId = everyone ? filter.ownerId : actor.userId;
    const today = this.today();
    let actions = await this.stores.actions.list(actor.tenantId, ownerId ? { ownerId } : {});
    if (filter.ref) actions = actions.filter((a) => a.refs.includes(filter.ref!));
    if (filter.overdueOnly) actions = actions.filter((a) => isOverdue(a, today));
    else if (!filter.includeClosed) actions = actions.filter((a) => !isClosed(a));
    // Overdue first, then by due date: what needs doing soonest is at the top.
    actions.sort(
      (a, b) => Number(isOverdue(b, today)) - Number(isOverdue(a, today)) || a.dueOn.localeCompare(b.dueOn) || Number(a.id) - Number(b.id),
    );
    return { actions, today, everyone, filter };
  }

  /** Actions covering an element, for its card. */
  forElement(actor: Actor, ref: string): Promise<ActionLink[]> {
    return this.stores.actions.forElement(actor.tenantId, ref);
  }

  setStatus(actor: Actor, id: string, status: ActionStatus): Promise<ActionOutcome> {
    return this.change(
      actor,
      id,
      "status",
      (a) => (a.status === status ? undefined : { ...a, status }),
      (a) => `Action ${a.id} is now ${statusLabel(a.status).toLowerCase()}.`,
    );
  }

  addNote(actor: Actor, id: string, text: string): Promise<ActionOutcome> {
    const note = validateNote(text);
    if (!note.ok) return Promise.resolve(refused(this.log, actor, "note", note.refusal));
    const at = this.clock.now().toISOString();
    return this.change(
      actor,
      id,
      "note",
      (a) => ({ ...a, status: a.status === "open" ? "in-progress" : a.status }),
      (a) => `Progress note added to action ${a.id}.`,
      {
        at,
        by: { userId: actor.userId, name: actor.displayName },
        text: note.value,
      },
    );
  }

  /** No reminders for a working day, or a week; then one on that day. */
  snooze(actor: Actor, id: string, length: SnoozeLength): Promise<ActionOutcome> {
    const today = this.today();
    const until = length === "day" ? addWorkingDays(today, 1) : workingDayOnOrAfter(addWorkingDays(today, 5));
    return this.change(
      actor,
      id,
      "snooze",
      (a) => ({ ...a, snoozedUntil: until }),
      (a) => `Reminders for action ${a.id} are snoozed until ${formatLondonDay(until)}.`,
    );
  }

  /** Gives the action to someone else; they get its reminders from now on and are told. */
  async reassign(actor: Actor, id: string, owner: Person): Promise<ActionOutcome> {
    let moved = false;
    const outcome = await this.change(
      actor,
      id,
      "reassign",
      (a) => {
        moved = a.owner.userId !== owner.userId;
        return moved ? { ...a, owner, snoozedUntil: undefined } : undefined;
      },
      (a) => (moved ? `Action ${a.id} now belongs to ${a.owner.name}.` : `Action ${a.id} already belongs to ${a.owner.name}.`),
    );
    // Only a real move is news to the new owner, and never to whoever made it.
    if (outcome.ok && moved && outcome.action.owner.userId !== actor.userId) {
      const told = await this.tellOwner(
        outcome.action,
        `${actor.displayName} gave you improvement action ${outcome.action.id}: "${outcome.action.title}", due ${formatLondonDay(outcome.action.dueOn)}. Type action ${outcome.action.id} to see it.`,
      );
      const news = told
        ? `${owner.name} has been told.`
        : `I could not reach ${owner.name} in Teams (the app may not be installed for them), so they have not been told: ask them to open a chat with me and type actions.`;
      return { ...outcome, message: `${outcome.message} ${news}` };
    }
    return outcome;
  }

  /** New due date (owners and coordinators): the reminders start again from it. */
  changeDueDate(actor: Actor, id: string, dueOn: string): Promise<ActionOutcome> {
    return this.change(
      actor,
      id,
      "due",
      (a) => {
        const checked = validateActionDraft(
          { title: a.title, description: a.description, refs: a.refs.join(" "), dueOn, priority: a.priority },
          this.today(),
        );
        if (!checked.ok) throw new RefusedChange(checked.refusal);
        return checked.value.dueOn === a.dueOn ? undefined : { ...a, dueOn: checked.value.dueOn, snoozedUntil: undefined };
      },
      (a) => `Action ${a.id} is now due ${formatLondonDay(a.dueOn)}.`,
    );
  }

  /**
   * Read, apply `edit`, write with the ETag; if someone changed it meanwhile, apply `edit` again
   * to what they wrote (each edit is one small change, so re-applying is what they meant).
   */
  private async change(
    actor: Actor,
    id: string,
    what: string,
    edit: (a: StoredAction) => ImprovementAction | undefined,
    message: (a: StoredAction) => string,
    note?: ProgressNote,
  ): Promise<ActionOutcome> {
    const roles = await this.rolesOf(actor);
    for (let attempt = 0; ; attempt++) {
      const before = await this.stores.actions.get(actor.tenantId, id);
      if (!before) return refused(this.log, actor, what, NOT_FOUND);
      if (!mayChange(actor, before, roles)) return refused(this.log, actor, what, NOT_YOURS);
      let edited: ImprovementAction | undefined;
      try {
        edited = edit(before);
      } catch (error) {
        if (error instanceof RefusedChange) return refused(this.log, actor, what, error.refusal);
        throw error;
      }
      if (!edited && !note) return { ok: true, action: before, message: message(before) };
      const at = this.clock.now().toISOString();
      const after: ImprovementAction = { ...(edited ?? before), updatedAt: at };
      const remindOn = nextActionReminder(after, this.today(), this.policy)?.on;
      try {
        const saved = await this.stores.actions.update(before, after, remindOn, changesBetween(before, after, actor, at), note);
        this.log.info({ tenant: actor.tenantId, action: id, change: what }, "improvement action changed");
        return { ok: true, action: saved, message: message(saved) };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 3) throw error;
      }
    }
  }

  private tellOwner(action: ImprovementAction, text: string): Promise<boolean> {
    return tellPerson(
      this.stores,
      this.notifier,
      action.tenantId,
      { userId: action.owner.userId, name: action.owner.name },
      text,
      this.clock.now(),
    );
  }

  private today(): IsoDate {
    return londonDay(this.clock.now());
  }
}

class RefusedChange extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

function mayChange(actor: Actor, action: ImprovementAction, roles: readonly Role[]): boolean {
  return can(roles, "manage-campaigns") || (action.owner.userId === actor.userId && can(roles, "edit-elements"));
}

function changesBetween(before: ImprovementAction, after: ImprovementAction, actor: Actor, at: string): ActionChange[] {
  const by: Person = { userId: actor.userId, name: actor.displayName };
  const fields: [ActionChange["field"], string, string][] = [
    ["status", before.status, after.status],
    ["owner", before.owner.name, after.owner.name],
    ["dueOn", before.dueOn, after.dueOn],
    ["title", before.title, after.title],
    ["description", before.description, after.description],
    ["refs", before.refs.join(" "), after.refs.join(" ")],
    ["priority", before.priority, after.priority],
    ["snoozedUntil", before.snoozedUntil ?? "", after.snoozedUntil ?? ""],
  ];
  return fields.filter(([, from, to]) => from !== to).map(([field, from, to]) => ({ field, from, to, by, at }));
}
