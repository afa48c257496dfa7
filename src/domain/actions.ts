/**
 * Improvement actions: what a council will do about a partial compliance or an assessor's "area
 * for continuous improvement", with an owner and a date. Pure.
 */
import { findElement } from "../standard/index.js";
import { isIsoDate, type IsoDate } from "./calendar.js";
import { tooLong } from "./limits.js";
import { cleanLine, cleanText } from "./typed-text.js";
import { ok, refuse, type Result } from "./refusal.js";

export const ACTION_STATUSES = [
  { id: "open", label: "Open" },
  { id: "in-progress", label: "In progress" },
  { id: "on-hold", label: "On hold" },
  { id: "done", label: "Done" },
  { id: "cancelled", label: "Cancelled" },
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number]["id"];

export const PRIORITIES = [
  { id: "high", label: "High" },
  { id: "medium", label: "Medium" },
  { id: "low", label: "Low" },
] as const;
export type Priority = (typeof PRIORITIES)[number]["id"];

export const ACTION_LIMITS = {
  titleChars: 120,
  titleBytes: 240,
  descriptionChars: 1000,
  descriptionBytes: 2000,
  noteChars: 300,
  noteBytes: 600,
  refs: 10,
} as const;

export interface Person {
  readonly userId: string;
  readonly name: string;
}

export interface ImprovementAction {
  readonly tenantId: string;
  readonly id: string;
  /** The campaign it came from; its leads hear about long-overdue actions. */
  readonly campaignId?: string;
  readonly title: string;
  readonly description: string;
  /** Element refs such as "3.2.1", at least one; the action shows on each of those elements. */
  readonly refs: readonly string[];
  readonly owner: Person;
  readonly dueOn: IsoDate;
  readonly priority: Priority;
  readonly status: ActionStatus;
  /** No reminders before this date (the owner snoozed them). */
  readonly snoozedUntil?: IsoDate;
  readonly createdBy: Person;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly etag?: string;
}

export interface ProgressNote {
  readonly at: string;
  readonly by: Person;
  readonly text: string;
}

export interface ActionDraft {
  readonly title: string;
  readonly description?: string;
  /** Element refs as typed: "3.2.1, 4.1.2". */
  readonly refs: string;
  readonly dueOn: string;
  readonly priority?: string;
}

export type ActionFields = Pick<ImprovementAction, "title" | "description" | "refs" | "dueOn" | "priority">;

/** The first sentence of a longer text (an area for improvement, a row of a plan), as an action's title. */
export function titleFromText(text: string): string {
  const first = (/^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text).trim();
  return first.length <= ACTION_LIMITS.titleChars ? first : `${first.slice(0, ACTION_LIMITS.titleChars - 1).trimEnd()}\u2026`;
}

/** Reminders are for actions still being worked on; done and cancelled ones are finished. */
export function isClosed(action: Pick<ImprovementAction, "status">): boolean {
  return action.status === "done" || action.status === "cancelled";
}

/** How many of an element's actions its card lists; the rest are a command away. */
export const ACTIONS_ON_CARD = 3;

/** The order an element's card lists its actions in: unfinished first, soonest due first. */
export function cardOrder(
  x: Pick<ImprovementAction, "status" | "dueOn" | "id">,
  y: Pick<ImprovementAction, "status" | "dueOn" | "id">,
): number {
  return Number(isClosed(x)) - Number(isClosed(y)) || x.dueOn.localeCompare(y.dueOn) || Number(x.id) - Number(y.id);
}

/** Past its due date (London calendar) and not finished. */
export function isOverdue(action: Pick<ImprovementAction, "status" | "dueOn">, today: IsoDate): boolean {
  return !isClosed(action) && action.dueOn < today;
}

export function statusLabel(status: ActionStatus): string {
  return ACTION_STATUSES.find((s) => s.id === status)?.label ?? status;
}

export function priorityLabel(priority: Priority): string {
  return PRIORITIES.find((p) => p.id === priority)?.label ?? priority;
}

export function isActionStatus(value: unknown): value is ActionStatus {
  return ACTION_STATUSES.some((s) => s.id === value);
}

export function isPriority(value: unknown): value is Priority {
  return PRIORITIES.some((p) => p.id === value);
}

/** "3.2.1, 4.1.2" or "3.2.1 4.1.2" → ["3.2.1", "4.1.2"], every one a real element. */
export function parseRefs(text: string): Result<string[]> {
  const words = text.split(/[\s,;]+/).filter((w) => w !== "");
  if (words.length === 0) return refuse("unknown-element", "Please say which element the action is for, for example 3.2.1.");
  if (words.length > ACTION_LIMITS.refs) return refuse("invalid-payload", `An action can cover at most ${ACTION_LIMITS.refs} elements.`);
  const unknown = words.find((w) => !findElement(w));
  if (unknown)
    return refuse("unknown-element", `"${unknown.slice(0, 20)}" is not an element of the CSE standard. Elements look like 3.2.1.`);
  return ok([...new Set(words)].sort(compareRefs));
}

/** Checks a new or edited action as typed; `today` is YYYY-MM-DD in London. */
export function validateActionDraft(draft: ActionDraft, today: IsoDate): Result<ActionFields> {
  const title = cleanLine(draft.title);
  if (title.length < 3)
    return refuse("invalid-payload", "Please give the action a short title, for example: Publish service standards for housing repairs.");
  const titleTooLong = tooLong("The title", title, ACTION_LIMITS.titleChars, ACTION_LIMITS.titleBytes);
  if (titleTooLong) return refuse("text-too-long", titleTooLong);
  const description = cleanText(draft.description ?? "");
  const descriptionTooLong = tooLong("The description", description, ACTION_LIMITS.descriptionChars, ACTION_LIMITS.descriptionBytes);
  if (descriptionTooLong) return refuse("text-too-long", descriptionTooLong);
  const refs = parseRefs(draft.refs);
  if (!refs.ok) return refs;
  const dueOn = draft.dueOn.trim();
  if (!isIsoDate(dueOn)) return refuse("invalid-payload", "The due date is not a real date. Please pick it from the calendar.");
  if (dueOn < today) return refuse("invalid-payload", "The due date is in the past. Please pick a date from today onwards.");
  const priority = draft.priority?.trim() || "medium";
  if (!isPriority(priority)) return refuse("invalid-payload", "Please choose a priority: high, medium or low.");
  return ok({ title, description, refs: refs.value, dueOn, priority });
}

export function validateNote(text: string): Result<string> {
  const note = cleanText(text);
  if (note === "") return refuse("invalid-payload", "The progress note is empty. Please write what has happened.");
  const problem = tooLong("The progress note", note, ACTION_LIMITS.noteChars, ACTION_LIMITS.noteBytes);
  return problem ? refuse("text-too-long", problem) : ok(note);
}

/** Element refs in the standard's order: 1.1.1 < 1.1.2 < 1.2.1 < 10.x. */
export function compareRefs(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
