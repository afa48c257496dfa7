/**
 * Improvement actions and everything written with them, in the tenant's partition of the Actions
 * table so each change is one transaction:
 *   "seq"                       the tenant's last action number (actions are "Action 12" to people)
 *   "a|<n>"                     the action
 *   "due|<YYYY-MM-DD>|<n>|<rev>" its next reminder: the date index the daily sweep reads
 *   "r|<ref>|<n>"               one per element it covers, so an element card finds its actions
 *   "n|<n>|<newest first>|…"    progress notes
 *   "!audit|<n>|<newest first>" what changed, who, when
 *   "!report|…", "!plan|…"       imported reports and plan rows (action-imports.ts)
 */
import type { TransactionAction } from "@azure/data-tables";
import type { ImprovementAction, ProgressNote } from "../domain/actions.js";
import type { IsoDate } from "../domain/calendar.js";
import { encodeKeyPart } from "./keys.js";
import {
  ACTION,
  AUDIT,
  DUE,
  dueEntity,
  noteEntity,
  NOTE,
  num,
  elementLinksPrefix,
  SEQ_ROW,
  toActionLink,
  type ActionLink,
  toAction,
  actionWrites,
  createdWrites,
  reminderOf,
} from "./action-rows.js";
import { changingCopies } from "./campaign-copies.js";
import { ConcurrencyError, type Tables, text } from "./tables.js";

export type { ActionChange, StoredAction } from "./action-rows.js";
import type { ActionChange, StoredAction } from "./action-rows.js";

/** A reminder row of the date index, with what a reminder needs so the sweep reads nothing else. */
export interface DueReminder {
  readonly tenantId: string;
  readonly actionId: string;
  readonly on: IsoDate;
  readonly action: ImprovementAction;
  readonly rowKey: string;
}

export type { ActionLink } from "./action-rows.js";

/** Azure Tables takes at most 100 operations in a transaction; an advance is three. */
const ADVANCES_PER_TRANSACTION = 33;

export class ActionStore {
  constructor(private readonly tables: Tables) {}

  async get(tenantId: string, id: string): Promise<StoredAction | undefined> {
    if (!/^\d{1,8}$/.test(id)) return undefined;
    const e = await this.tables.get("Actions", encodeKeyPart(tenantId), ACTION + num(id));
    return e && toAction(tenantId, e);
  }

  /** The tenant's actions, optionally only one person's, in number order. */
  async list(tenantId: string, filter: { ownerId?: string } = {}): Promise<StoredAction[]> {
    const where: Record<string, string> = filter.ownerId ? { ownerId: filter.ownerId } : {};
    const rows = await this.tables.queryPartition("Actions", encodeKeyPart(tenantId), ACTION, Infinity, where);
    return rows.map((e) => toAction(tenantId, e));
  }

  /** Actions covering element `ref`. */
  async forElement(tenantId: string, ref: string): Promise<ActionLink[]> {
    const rows = await this.tables.queryPartition("Actions", encodeKeyPart(tenantId), elementLinksPrefix(ref));
    return rows.map(toActionLink);
  }

  /** Creates an action numbered after the tenant's last one; `build` receives its number. */
  async create(
    tenantId: string,
    build: (id: string) => ImprovementAction,
    remindOn: IsoDate | undefined,
    change: Omit<ActionChange, "field" | "from" | "to">,
  ): Promise<StoredAction> {
    // Every campaign's copies carry the council's actions (campaign-copies.ts).
    return changingCopies(this.tables, tenantId, undefined, () => this.createNumbered(tenantId, build, remindOn, change));
  }

  private async createNumbered(
    tenantId: string,
    build: (id: string) => ImprovementAction,
    remindOn: IsoDate | undefined,
    change: Omit<ActionChange, "field" | "from" | "to">,
  ): Promise<StoredAction> {
    const pk = encodeKeyPart(tenantId);
    for (let attempt = 0; ; attempt++) {
      const seq = await this.tables.get("Actions", pk, SEQ_ROW);
      const id = String(Number(seq?.last ?? 0) + 1);
      const action = build(id);
      const counter: TransactionAction = seq
        ? ["update", { partitionKey: pk, rowKey: SEQ_ROW, last: Number(id) }, "Replace", { etag: seq.etag }]
        : ["create", { partitionKey: pk, rowKey: SEQ_ROW, last: Number(id) }];
      const ops: TransactionAction[] = [counter, ...createdWrites(action, remindOn, change)];
      try {
        const result = await this.tables.transact("Actions", ops);
        return { ...action, ...reminderOf(ops), etag: result.subResponses[1]?.etag };
      } catch (error) {
        // Someone else took the number: take the next one.
        if (!(error instanceof ConcurrencyError) || attempt >= 20) throw error;
      }
    }
  }

  /**
   * Replaces `before` (read with its ETag) by `after`, moving its reminder row to `remindOn`, with
   * the audit of `changes` and an optional progress note. ConcurrencyError if it changed since.
   */
  async update(
    before: StoredAction,
    after: ImprovementAction,
    remindOn: IsoDate | undefined,
    changes: readonly ActionChange[],
    note?: ProgressNote,
  ): Promise<StoredAction> {
    const ops = actionWrites(before, after, remindOn, changes);
    if (note) ops.push(["create", noteEntity(after, note)]);
    const result = await changingCopies(this.tables, before.tenantId, undefined, () => this.tables.transact("Actions", ops));
    return { ...after, ...reminderOf(ops), etag: result.subResponses[0]?.etag };
  }

  async notes(tenantId: string, id: string, limit = 20): Promise<ProgressNote[]> {
    const rows = await this.tables.queryPartition("Actions", encodeKeyPart(tenantId), `${NOTE}${num(id)}|`, limit);
    return rows.map((e) => ({ at: text(e.at), by: { userId: text(e.byId), name: text(e.byName) }, text: text(e.text) }));
  }

  async history(tenantId: string, id: string, limit = 50): Promise<ActionChange[]> {
    const rows = await this.tables.queryPartition("Actions", encodeKeyPart(tenantId), `${AUDIT}${num(id)}|`, limit);
    return rows.map((e) => ({
      field: text(e.field) as ActionChange["field"],
      from: text(e.from),
      to: text(e.to),
      by: { userId: text(e.byId), name: text(e.byName) },
      at: text(e.at),
    }));
  }

  /** Reminder rows dated `day` or earlier: only what is due is read, however many actions there are. */
  async dueBy(tenantId: string, day: IsoDate): Promise<DueReminder[]> {
    const rows = await this.tables.queryRange("Actions", encodeKeyPart(tenantId), DUE, `${DUE}${day}|~`);
    return rows.map((e) => ({
      tenantId,
      actionId: text(e.actionId),
      on: text(e.rowKey).slice(DUE.length, DUE.length + 10),
      action: toAction(tenantId, e),
      rowKey: text(e.rowKey),
    }));
  }

  /**
   * Moves reminder rows on once their reminder is planned: each to its next date, or away when
   * none is left. A row changed meanwhile (the action was edited, which already rescheduled it) is
   * left alone. Returns how many moved.
   */
  async advance(moves: readonly { readonly due: DueReminder; readonly nextOn?: IsoDate }[]): Promise<number> {
    let moved = 0;
    const byTenant = Map.groupBy(moves, (m) => m.due.tenantId);
    for (const group of byTenant.values()) {
      for (let i = 0; i < group.length; i += ADVANCES_PER_TRANSACTION) {
        const batch = group.slice(i, i + ADVANCES_PER_TRANSACTION);
        try {
          await this.tables.transact(
            "Actions",
            batch.flatMap((m) => advanceOps(m.due, m.nextOn)),
          );
          moved += batch.length;
        } catch (error) {
          if (!(error instanceof ConcurrencyError)) throw error;
          for (const m of batch) {
            try {
              await this.tables.transact("Actions", advanceOps(m.due, m.nextOn));
              moved++;
            } catch (single) {
              if (!(single instanceof ConcurrencyError)) throw single;
            }
          }
        }
      }
    }
    return moved;
  }
}

/**
 * Deleting the row read is the guard: transactions cannot delete on an ETag, but reminder row keys
 * are never reused, so if the action was edited meanwhile the row is gone and nothing is written.
 */
function advanceOps(due: DueReminder, nextOn: IsoDate | undefined): TransactionAction[] {
  const pk = encodeKeyPart(due.tenantId);
  const next = nextOn ? dueEntity(due.action, nextOn) : undefined;
  const ops: TransactionAction[] = [["delete", { partitionKey: pk, rowKey: due.rowKey }]];
  if (next) ops.push(["create", next]);
  ops.push(["update", { partitionKey: pk, rowKey: ACTION + num(due.actionId), remindKey: next?.rowKey ?? "" }, "Merge"]);
  return ops;
}
