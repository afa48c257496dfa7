/**
 * How improvement actions and the rows written with them are laid out in the Actions table
 * (see actions.ts for what each row is for). Row formats only; no storage calls.
 */
import { randomUUID } from "node:crypto";
import type { TransactionAction } from "@azure/data-tables";
import { isActionStatus, isPriority, type ImprovementAction, type Person, type ProgressNote } from "../domain/actions.js";
import type { IsoDate } from "../domain/calendar.js";
import type { RatingId } from "../standard/index.js";
import { encodeKeyPart, newestFirst } from "./keys.js";
import { optionalText, text, type Entity, type StoredEntity } from "./tables.js";

/** An action as stored, with where its reminder row is. */
export interface StoredAction extends ImprovementAction {
  /** The date of its reminder row in the index; none when no reminder is due any more. */
  readonly remindOn?: IsoDate;
  /** That row's key. Every write gives the row a new key, so a stale copy can never be mistaken for it. */
  readonly remindKey?: string;
}

export interface ActionChange {
  readonly field: "created" | "status" | "owner" | "dueOn" | "title" | "description" | "refs" | "priority" | "snoozedUntil";
  readonly from: string;
  readonly to: string;
  readonly by: Person;
  readonly at: string;
}

export const SEQ_ROW = "seq";
export const ACTION = "a|";
export const DUE = "due|";
export const REF = "r|";
/** An action as an element's card lists it. */
export type ActionLink = Pick<ImprovementAction, "id" | "title" | "status" | "dueOn" | "owner">;

/** A row linking an element to an action covering it, as its card lists it. */
export function toActionLink(e: StoredEntity): ActionLink {
  return {
    id: text(e.actionId),
    title: text(e.title),
    status: isActionStatus(e.status) ? e.status : "open",
    dueOn: text(e.dueOn),
    owner: { userId: text(e.ownerId), name: text(e.ownerName) },
  };
}

/** The rows linking element `ref` to the actions covering it. */
export const elementLinksPrefix = (ref: string) => `${REF}${encodeKeyPart(ref)}|`;
export const NOTE = "n|";
export const AUDIT = "!audit|";

export const num = (id: string) => id.padStart(8, "0");

/** A campaign's imported assessor report, kept beside the actions made from it. */
export const reportKey = (campaignId: string) => `!report|${encodeKeyPart(campaignId)}`;

/** Marks a row of an improvement plan imported into a campaign (its fingerprint), written with the action made from it. */
export const planKey = (campaignId: string, marker: string) => `!plan|${encodeKeyPart(campaignId)}|${marker}`;

export const dueKey = (on: IsoDate, id: string) => `${DUE}${on}|${num(id)}|${randomUUID().slice(0, 8)}`;
export const refKey = (ref: string, id: string) => `${REF}${encodeKeyPart(ref)}|${num(id)}`;

export function actionColumns(a: ImprovementAction) {
  return {
    actionId: a.id,
    campaignId: a.campaignId ?? "",
    title: a.title,
    description: a.description,
    refs: a.refs.join(" "),
    ownerId: a.owner.userId,
    ownerName: a.owner.name,
    dueOn: a.dueOn,
    priority: a.priority,
    status: a.status,
    snoozedUntil: a.snoozedUntil ?? "",
    createdById: a.createdBy.userId,
    createdByName: a.createdBy.name,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function actionEntity(a: ImprovementAction, due: Entity | undefined): Entity {
  return { partitionKey: encodeKeyPart(a.tenantId), rowKey: ACTION + num(a.id), ...actionColumns(a), remindKey: due?.rowKey ?? "" };
}

export function dueEntity(a: ImprovementAction, on: IsoDate): Entity & { rowKey: string } {
  return { partitionKey: encodeKeyPart(a.tenantId), rowKey: dueKey(on, a.id), ...actionColumns(a) };
}

export function refEntity(a: ImprovementAction, ref: string): Entity {
  return {
    partitionKey: encodeKeyPart(a.tenantId),
    rowKey: refKey(ref, a.id),
    actionId: a.id,
    title: a.title,
    status: a.status,
    dueOn: a.dueOn,
    ownerId: a.owner.userId,
    ownerName: a.owner.name,
  };
}

export function noteEntity(a: ImprovementAction, note: ProgressNote): Entity {
  return {
    partitionKey: encodeKeyPart(a.tenantId),
    rowKey: `${NOTE}${num(a.id)}|${newestFirst(note.at)}|${randomUUID().slice(0, 8)}`,
    at: note.at,
    byId: note.by.userId,
    byName: note.by.name,
    text: note.text,
  };
}

/** The columns of an audit row: what changed, from what to what, who, when (actions and service standards alike). */
export function changeColumns(c: { field: string; from: string; to: string; by: Person; at: string }) {
  return { field: c.field, from: c.from, to: c.to, byId: c.by.userId, byName: c.by.name, at: c.at };
}

export function auditEntity(a: ImprovementAction, c: ActionChange, saveId: string, index: number): Entity {
  return {
    partitionKey: encodeKeyPart(a.tenantId),
    rowKey: `${AUDIT}${num(a.id)}|${newestFirst(c.at)}|${saveId}|${String(99 - index).padStart(2, "0")}`,
    ...changeColumns(c),
  };
}

export function toAction(tenantId: string, e: StoredEntity): StoredAction {
  return {
    tenantId,
    id: text(e.actionId),
    campaignId: optionalText(e.campaignId),
    title: text(e.title),
    description: text(e.description),
    refs: text(e.refs)
      .split(" ")
      .filter((r) => r !== ""),
    owner: { userId: text(e.ownerId), name: text(e.ownerName) },
    dueOn: text(e.dueOn),
    priority: isPriority(e.priority) ? e.priority : "medium",
    status: isActionStatus(e.status) ? e.status : "open",
    snoozedUntil: optionalText(e.snoozedUntil),
    createdBy: { userId: text(e.createdById), name: text(e.createdByName) },
    createdAt: text(e.createdAt),
    updatedAt: text(e.updatedAt),
    ...(e.remindKey ? { remindKey: text(e.remindKey), remindOn: text(e.remindKey).slice(DUE.length, DUE.length + 10) } : {}),
    etag: e.etag,
  };
}

/** The action row, its reminder row and element links (old ones removed), and audit rows. */
export function actionWrites(
  before: StoredAction | undefined,
  after: ImprovementAction,
  remindOn: IsoDate | undefined,
  changes: readonly ActionChange[],
): TransactionAction[] {
  const pk = encodeKeyPart(after.tenantId);
  const due = remindOn ? dueEntity(after, remindOn) : undefined;
  const ops: TransactionAction[] = [
    before ? ["update", actionEntity(after, due), "Replace", { etag: before.etag }] : ["create", actionEntity(after, due)],
  ];
  if (before?.remindKey) ops.push(["delete", { partitionKey: pk, rowKey: before.remindKey }]);
  if (due) ops.push(["create", due]);
  for (const ref of before?.refs ?? [])
    if (!after.refs.includes(ref)) ops.push(["delete", { partitionKey: pk, rowKey: refKey(ref, after.id) }]);
  for (const ref of after.refs) ops.push(["upsert", refEntity(after, ref), "Replace"]);
  const saveId = randomUUID().slice(0, 8);
  changes.forEach((c, index) => ops.push(["create", auditEntity(after, c, saveId, index)]));
  return ops;
}

/** A new action's writes, with its "created" audit entry. */
export function createdWrites(
  action: ImprovementAction,
  remindOn: IsoDate | undefined,
  change: Omit<ActionChange, "field" | "from" | "to">,
): TransactionAction[] {
  return actionWrites(undefined, action, remindOn, [{ ...change, field: "created", from: "", to: action.title }]);
}

/** The reminder row an action's writes created, as stored on the action. */
export function reminderOf(ops: readonly TransactionAction[]): Pick<StoredAction, "remindOn" | "remindKey"> {
  const key = String(ops.find((op) => op[0] === "create" && String(op[1].rowKey).startsWith(DUE))?.[1].rowKey ?? "");
  return key ? { remindKey: key, remindOn: key.slice(DUE.length, DUE.length + 10) } : {};
}

/** An imported assessor report, kept beside the actions made from it. */
export interface StoredReport {
  readonly fingerprint: string;
  readonly ratings: Readonly<Record<string, RatingId>>;
  readonly reportType: string;
  readonly organisation: string;
  readonly assessmentDate: string;
  readonly importedBy: string;
  readonly importedByName: string;
  readonly importedAt: string;
}

/** An imported assessor report from its row (reportKey). */
export function toReport(e: StoredEntity): StoredReport {
  return {
    fingerprint: text(e.fingerprint),
    ratings: JSON.parse(text(e.ratings) || "{}") as Record<string, RatingId>,
    reportType: text(e.reportType),
    organisation: text(e.organisation),
    assessmentDate: text(e.assessmentDate),
    importedBy: text(e.importedBy),
    importedByName: text(e.importedByName),
    importedAt: text(e.importedAt),
  };
}
