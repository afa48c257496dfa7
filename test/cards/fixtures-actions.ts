/** Improvement actions as stored, their notes, and the action cards' views, for the card tests. */
import { isOverdue, validateActionDraft, validateNote, type ActionStatus, type ProgressNote } from "../../src/domain/actions.js";
import type { ActionListView, ActionView } from "../../src/services/actions.js";
import type { StoredAction } from "../../src/store/actions.js";

export const TODAY = "2026-11-20";

/** An action as stored, its fields checked by the domain as if typed into the form. */
export function action(
  id: string,
  fields: {
    title?: string;
    description?: string;
    refs?: string;
    dueOn?: string;
    status?: ActionStatus;
    owner?: string;
    ownerId?: string;
  } = {},
): StoredAction {
  const checked = validateActionDraft(
    {
      title: fields.title ?? "Publish service standards for housing repairs",
      description: fields.description ?? "",
      refs: fields.refs ?? "3.2.1",
      dueOn: fields.dueOn ?? "2026-12-01",
      priority: "high",
    },
    "2026-01-01",
  );
  if (!checked.ok) throw new Error(`fixture action refused: ${checked.refusal.message}`);
  const owner = { userId: fields.ownerId ?? "user-olu", name: fields.owner ?? "Olu Officer" };
  return {
    ...checked.value,
    tenantId: "t",
    id,
    owner,
    status: fields.status ?? "open",
    createdBy: owner,
    createdAt: "2026-11-02T10:00:00Z",
    updatedAt: "2026-11-02T10:00:00Z",
  };
}

export function note(text: string, minutes: number, by = "Olu Officer"): ProgressNote {
  const checked = validateNote(text);
  if (!checked.ok) throw new Error(checked.refusal.message);
  return { at: new Date(Date.UTC(2026, 10, 18, 9, minutes)).toISOString(), by: { userId: "u", name: by }, text: checked.value };
}

export function view(a: StoredAction, more: Partial<ActionView> = {}): ActionView {
  return { action: a, notes: [], canEdit: true, today: TODAY, overdue: isOverdue(a, TODAY), ...more };
}

export function list(actions: StoredAction[], more: Partial<ActionListView> = {}): ActionListView {
  return { actions, today: TODAY, everyone: false, filter: {}, ...more };
}
