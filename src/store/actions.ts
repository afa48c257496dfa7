/**
 * Improvement actions and everything written with them, in the tenant's partition of the Actions
 * table so each change is one transaction:
 *   "seq"                       the tenant's last action number (actions are "Action 12" to people)
 *   "a|<n>"                     the action
 *   "due|<YYYY-MM-DD>|<n>|<rev>" its next reminder: the date index the daily sweep reads
 *   "r|<ref>|<n>"               one per element it covers, so an element card finds its actions
 *   "n|<n>|<newest first>|…"    progress notes
 *   "!audit|<n>|<newest first>" what changed, who, when
 */
import { randomUUID } from "node:crypto";
import type { TransactionAction } from "@azure/data-tables";
import { isActionStatus, type ImprovementAction, type ProgressNote } from "../domain/actions.js";
import type { IsoDate } from "../domain/calendar.js";
import type { RatingId } from "../standard/index.js";
import { encodeKeyPart } from "./keys.js";
import {
  ACTION,
  AUDIT,
  actionEntity,
  reportKey,
  planKey,
  DUE,
  dueEntity,
  noteEntity,
  NOTE,
  num,
  REF,
  refEntity,
  refKey,
  SEQ_ROW,
  auditEntity,
  toAction,
} from "./action-rows.js";
import { AlreadyExistsError, ConcurrencyError, type Tables, text } from "./tables.js";

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

/** One element's view of an action linked to it. */
export type ActionLink = Pick<ImprovementAction, "id" | "title" | "status" | "dueOn" | "owner">;

/** Azure Tables takes at most 100 operations in a transaction; an advance is three. */
const ADVANCES_PER_TRANSACTION = 33;

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
    const rows = await this.tables.queryPartition("Actions", encodeKeyPart(tenantId), `${REF}${encodeKeyPart(ref)}|`);
    return rows.map((e) => ({
      id: text(e.actionId),
      title: text(e.title),
      status: isActionStatus(e.status) ? e.status : "open",
      dueOn: text(e.dueOn),
      owner: { userId: text(e.ownerId), name: text(e.ownerName) },
    }));
  }

  /** Creates an action numbered after the tenant's last one; `build` receives its number. */
  async create(
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
      const ops: TransactionAction[] = [
        counter,
        ...this.writes(undefined, action, remindOn, [{ ...change, field: "created", from: "", to: action.title }]),
      ];
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
   * Many new actions at once (bulk loads such as the benchmarks' councils): numbers are reserved in one step,
   * then actions are written in transactions of up to 100 rows. `remindOn` gives each its first
   * reminder date. Returns the stored actions.
   */
  async importMany(
    tenantId: string,
    build: readonly ((id: string) => ImprovementAction)[],
    remindOn: (a: ImprovementAction) => IsoDate | undefined,
    change: Omit<ActionChange, "field" | "from" | "to">,
    parallel = 4,
  ): Promise<StoredAction[]> {
    const pk = encodeKeyPart(tenantId);
    let first = 0;
    for (let attempt = 0; ; attempt++) {
      const seq = await this.tables.get("Actions", pk, SEQ_ROW);
      first = Number(seq?.last ?? 0) + 1;
      const counter = { partitionKey: pk, rowKey: SEQ_ROW, last: first + build.length - 1 };
      try {
        await this.tables.transact("Actions", [seq ? ["update", counter, "Replace", { etag: seq.etag }] : ["create", counter]]);
        break;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 20) throw error;
      }
    }
    const written = build.map((b, i) => {
      const action = b(String(first + i));
      return {
        action,
        ops: this.writes(undefined, action, remindOn(action), [{ ...change, field: "created", from: "", to: action.title }]),
      };
    });
    const batches: TransactionAction[][] = [[]];
    for (const { ops } of written) {
      if (batches.at(-1)!.length + ops.length > 100) batches.push([]);
      batches.at(-1)!.push(...ops);
    }
    let next = 0;
    const worker = async () => {
      while (next < batches.length) await this.tables.transact("Actions", batches[next++]!);
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return written.map(({ action, ops }) => ({ ...action, ...reminderOf(ops) }));
  }

  /**
   * Actions from an imported improvement plan, each written in the same transaction as a marker
   * row named by `marker` (a fingerprint of the plan's row), so a row already imported, by this
   * import before a restart or by someone else's at the same moment, is never imported twice.
   * Several actions go in one transaction. Returns the new actions and how many were already there.
   */
  async createFromPlan(
    tenantId: string,
    campaignId: string,
    rows: readonly { readonly marker: string; readonly build: (id: string) => ImprovementAction }[],
    remindOn: (a: ImprovementAction) => IsoDate | undefined,
    change: Omit<ActionChange, "field" | "from" | "to">,
  ): Promise<{ created: StoredAction[]; already: number }> {
    const pk = encodeKeyPart(tenantId);
    const created: StoredAction[] = [];
    let todo = [...rows];
    let done = await this.planMarkers(tenantId, campaignId);
    for (let attempt = 0; todo.length > 0;) {
      todo = todo.filter((r) => !done.has(r.marker));
      if (todo.length === 0) break;
      const seq = await this.tables.get("Actions", pk, SEQ_ROW);
      const first = Number(seq?.last ?? 0) + 1;
      const batch: { action: ImprovementAction; ops: TransactionAction[] }[] = [];
      let size = 1;
      for (const row of todo) {
        const action = row.build(String(first + batch.length));
        const ops: TransactionAction[] = [
          ["create", { partitionKey: pk, rowKey: planKey(campaignId, row.marker), actionId: action.id, at: change.at }],
          ...this.writes(undefined, action, remindOn(action), [{ ...change, field: "created", from: "", to: action.title }]),
        ];
        if (size + ops.length > 100) break;
        size += ops.length;
        batch.push({ action, ops });
      }
      const counter = { partitionKey: pk, rowKey: SEQ_ROW, last: first + batch.length - 1 };
      const ops: TransactionAction[] = [
        seq ? ["update", counter, "Replace", { etag: seq.etag }] : ["create", counter],
        ...batch.flatMap((b) => b.ops),
      ];
      try {
        await this.tables.transact("Actions", ops);
        created.push(...batch.map(({ action, ops: mine }) => ({ ...action, ...reminderOf(mine) })));
        todo = todo.slice(batch.length);
      } catch (error) {
        // Someone took the numbers, or imported some of these rows meanwhile: read again, go on.
        if (!(error instanceof ConcurrencyError) || ++attempt > 20) throw error;
        done = await this.planMarkers(tenantId, campaignId);
      }
    }
    return { created, already: rows.length - created.length };
  }

  /** The fingerprints of the plan rows already imported into a campaign. */
  async planMarkers(tenantId: string, campaignId: string): Promise<Set<string>> {
    const prefix = planKey(campaignId, "");
    const rows = await this.tables.queryPartition("Actions", encodeKeyPart(tenantId), prefix);
    return new Set(rows.map((e) => text(e.rowKey).slice(prefix.length)));
  }

  /**
   * A campaign's imported assessor report (`columns`) and the draft actions made from it, in a
   * single transaction: all are written or none. AlreadyExistsError if the campaign has one.
   */
  async createWithReport(
    tenantId: string,
    campaignId: string,
    report: StoredReport,
    build: readonly ((id: string) => ImprovementAction)[],
    remindOn: (a: ImprovementAction) => IsoDate | undefined,
    change: Omit<ActionChange, "field" | "from" | "to">,
  ): Promise<StoredAction[]> {
    const pk = encodeKeyPart(tenantId);
    const row = { rowKey: reportKey(campaignId), columns: { ...report, ratings: JSON.stringify(report.ratings) } };
    for (let attempt = 0; ; attempt++) {
      const seq = await this.tables.get("Actions", pk, SEQ_ROW);
      const first = Number(seq?.last ?? 0) + 1;
      const written = build.map((b, i) => {
        const action = b(String(first + i));
        return {
          action,
          ops: this.writes(undefined, action, remindOn(action), [{ ...change, field: "created", from: "", to: action.title }]),
        };
      });
      const counter = { partitionKey: pk, rowKey: SEQ_ROW, last: first + build.length - 1 };
      const ops: TransactionAction[] = [
        seq ? ["update", counter, "Replace", { etag: seq.etag }] : ["create", counter],
        ["create", { partitionKey: pk, rowKey: row.rowKey, ...row.columns }],
        ...written.flatMap((w) => w.ops),
      ];
      if (ops.length > 100) throw new Error(`One transaction holds at most 100 writes; this import needs ${ops.length}`);
      try {
        await this.tables.transact("Actions", ops);
        return written.map(({ action, ops: mine }) => ({ ...action, ...reminderOf(mine) }));
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (await this.tables.get("Actions", pk, row.rowKey)) throw new AlreadyExistsError(`Actions ${row.rowKey}`);
        if (attempt >= 20) throw error; // someone took the numbers: take the next ones
      }
    }
  }

  /** The assessor report imported into a campaign (see createWithReport), if any. */
  async getReport(tenantId: string, campaignId: string): Promise<StoredReport | undefined> {
    const e = await this.tables.get("Actions", encodeKeyPart(tenantId), reportKey(campaignId));
    if (!e) return undefined;
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
    const ops = this.writes(before, after, remindOn, changes);
    if (note) ops.push(["create", noteEntity(after, note)]);
    const result = await this.tables.transact("Actions", ops);
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

  /** The action row, its reminder row and element links (old ones removed), and audit rows. */
  private writes(
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

/** The reminder row an action's writes created, as stored on the action. */
function reminderOf(ops: readonly TransactionAction[]): Pick<StoredAction, "remindOn" | "remindKey"> {
  const key = String(ops.find((op) => op[0] === "create" && String(op[1].rowKey).startsWith(DUE))?.[1].rowKey ?? "");
  return key ? { remindKey: key, remindOn: key.slice(DUE.length, DUE.length + 10) } : {};
}
