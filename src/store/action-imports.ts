/**
 * Many improvement actions at once, in the tenant's partition of the Actions table (row layout in
 * actions.ts): an imported assessor report (kept in "!report|<campaign>") with its draft actions
 * in one transaction; an imported improvement plan, each row's action written with a marker
 * "!plan|<campaign>|<row fingerprint>" so no row is imported twice; and bulk loads for the
 * benchmarks. Numbers are taken from the tenant's counter on its ETag, and taken again on a race.
 */
import type { TransactionAction } from "@azure/data-tables";
import type { ImprovementAction } from "../domain/actions.js";
import type { IsoDate } from "../domain/calendar.js";
import {
  createdWrites,
  planKey,
  reminderOf,
  reportKey,
  SEQ_ROW,
  toReport,
  type ActionChange,
  type StoredAction,
  type StoredReport,
} from "./action-rows.js";
import { changingCopies } from "./campaign-copies.js";
import { encodeKeyPart } from "./keys.js";
import { AlreadyExistsError, ConcurrencyError, type Tables, text } from "./tables.js";

export class ActionImportStore {
  constructor(private readonly tables: Tables) {}

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
        ops: createdWrites(action, remindOn(action), change),
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
    // Every campaign's copies carry the council's actions (campaign-copies.ts).
    await changingCopies(this.tables, tenantId, undefined, () => Promise.all(Array.from({ length: parallel }, worker)));
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
          ...createdWrites(action, remindOn(action), change),
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
        // Every campaign's copies carry the council's actions (campaign-copies.ts).
        await changingCopies(this.tables, tenantId, undefined, () => this.tables.transact("Actions", ops));
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
    const row = { rowKey: reportKey(campaignId), columns: { ...report, ratings: JSON.stringify(report.ratings) } };
    // The campaigns' copies carry the report and the actions (campaign-copies.ts): marked first,
    // so a crash after the import is mended.
    return changingCopies(this.tables, tenantId, undefined, () => this.reportTransaction(tenantId, row, build, remindOn, change));
  }

  private async reportTransaction(
    tenantId: string,
    row: { readonly rowKey: string; readonly columns: Record<string, unknown> },
    build: readonly ((id: string) => ImprovementAction)[],
    remindOn: (a: ImprovementAction) => IsoDate | undefined,
    change: Omit<ActionChange, "field" | "from" | "to">,
  ): Promise<StoredAction[]> {
    const pk = encodeKeyPart(tenantId);
    for (let attempt = 0; ; attempt++) {
      const seq = await this.tables.get("Actions", pk, SEQ_ROW);
      const first = Number(seq?.last ?? 0) + 1;
      const written = build.map((b, i) => {
        const action = b(String(first + i));
        return {
          action,
          ops: createdWrites(action, remindOn(action), change),
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
    return e && toReport(e);
  }
}
