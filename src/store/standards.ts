/**
 * A council's service standards and their figures, in the tenant's partition of the Standards
 * table, so a change and its audit entries are one transaction:
 *   "s|<id>"                          a standard, with its newest figures (recent-figures.ts)
 *   "f|<id>|<period>"                 its figure for a period
 *   "!audit|<id>|<newest first>|…"    what changed (a standard's fields, a figure and its corrections), who, when
 * Every change is conditional on the ETag read (a figure's first entry on there being none).
 */
import { randomUUID } from "node:crypto";
import type { TransactionAction } from "@azure/data-tables";
import type { Person } from "../domain/actions.js";
import type { Figure, ServiceStandard } from "../domain/standards.js";
import { changeColumns } from "./action-rows.js";
import { changingCopies, type HeldCopies } from "./campaign-copies.js";
import { everyStandardAndFigure, standardsWithRecentFigures } from "./council-related.js";
import { recentColumn, recentFigures } from "./recent-figures.js";
import { encodeKeyPart, newestFirst } from "./keys.js";
import {
  FIGURE,
  figureKey,
  STANDARD,
  standardEntity,
  toFigure,
  toStandard,
  type StoredFigure,
  type StoredStandard,
} from "./standard-rows.js";
import { AlreadyExistsError, ConcurrencyError, text, type Tables } from "./tables.js";

export type { StoredFigure, StoredStandard } from "./standard-rows.js";

export interface StandardChange {
  readonly field: string;
  readonly from: string;
  readonly to: string;
  readonly by: Person;
  readonly at: string;
}

const AUDIT = "!audit|";

export class StandardStore {
  constructor(private readonly tables: Tables) {}

  async list(tenantId: string): Promise<StoredStandard[]> {
    const rows = await this.tables.queryPartition("Standards", encodeKeyPart(tenantId), STANDARD);
    return rows.map(toStandard);
  }

  async get(tenantId: string, id: string): Promise<StoredStandard | undefined> {
    const e = await this.tables.get("Standards", encodeKeyPart(tenantId), STANDARD + encodeKeyPart(id));
    return e && toStandard(e);
  }

  /**
   * A new standard with its "created" audit entry; AlreadyExistsError if the id is taken. Every
   * campaign's copies carry the standards (campaign-copies.ts): `held` when the caller has marked them.
   */
  async create(
    tenantId: string,
    standard: ServiceStandard,
    change: Omit<StandardChange, "field" | "from" | "to">,
    held?: HeldCopies,
  ): Promise<StoredStandard> {
    return changingCopies(this.tables, tenantId, held, () => this.createRow(tenantId, standard, change));
  }

  private async createRow(
    tenantId: string,
    standard: ServiceStandard,
    change: Omit<StandardChange, "field" | "from" | "to">,
  ): Promise<StoredStandard> {
    const ops: TransactionAction[] = [
      ["create", { ...standardEntity(tenantId, standard), recent: recentColumn([]) }],
      ["create", auditEntity(tenantId, standard.id, { ...change, field: "created", from: "", to: standard.promise })],
    ];
    try {
      const result = await this.tables.transact("Standards", ops);
      return { ...standard, etag: result.subResponses[0]?.etag };
    } catch (error) {
      // A transaction reports a taken key as a conflict; say what it was.
      if (error instanceof ConcurrencyError && (await this.get(tenantId, standard.id)))
        throw new AlreadyExistsError(`Standards ${standard.id}`);
      throw error;
    }
  }

  /** Replaces `before` (read with its ETag) by `after`, with the audit of `changes`. ConcurrencyError if it changed since. */
  async update(
    tenantId: string,
    before: StoredStandard,
    after: ServiceStandard,
    changes: readonly StandardChange[],
  ): Promise<StoredStandard> {
    const ops: TransactionAction[] = [
      // Merged, so its newest figures (written with each figure) stay as they are.
      ["update", standardEntity(tenantId, after), "Merge", { etag: before.etag }],
      ...changes.map((c): TransactionAction => ["create", auditEntity(tenantId, after.id, c)]),
    ];
    const result = await changingCopies(this.tables, tenantId, undefined, () => this.tables.transact("Standards", ops));
    return { ...after, etag: result.subResponses[0]?.etag };
  }

  /** A standard's figures, oldest period first. */
  async figures(tenantId: string, standardId: string): Promise<StoredFigure[]> {
    const rows = await this.tables.queryPartition("Standards", encodeKeyPart(tenantId), `${FIGURE}${encodeKeyPart(standardId)}|`);
    return rows.map(toFigure);
  }

  /** The tenant's standards and all their figures in one query. */
  async everything(tenantId: string): Promise<{ standards: StoredStandard[]; figures: StoredFigure[] }> {
    return everyStandardAndFigure(this.tables, tenantId);
  }

  /** The tenant's standards, each with its newest figures: what a card showing the latest results needs. */
  async withRecentFigures(tenantId: string): Promise<{ standards: StoredStandard[]; figures: Figure[] }> {
    return standardsWithRecentFigures(this.tables, tenantId);
  }

  /** Every figure of every standard of the tenant (one partition query). */
  async allFigures(tenantId: string): Promise<StoredFigure[]> {
    const rows = await this.tables.queryPartition("Standards", encodeKeyPart(tenantId), FIGURE);
    return rows.map(toFigure);
  }

  /** One period's figure, with its ETag. */
  async figure(tenantId: string, standardId: string, periodId: string): Promise<StoredFigure | undefined> {
    const e = await this.tables.get("Standards", encodeKeyPart(tenantId), figureKey(standardId, periodId));
    return e && toFigure(e);
  }

  /**
   * Records a period's figure, or corrects it: conditional on `before` (the figure read, with its
   * ETag; none when there was no figure), audited with the old and new value. ConcurrencyError
   * when someone recorded or corrected it meanwhile. `held`: the copies, when the caller has marked them.
   */
  async putFigure(
    tenantId: string,
    figure: Figure,
    before: StoredFigure | undefined,
    by: Person,
    at: string,
    held?: HeldCopies,
  ): Promise<StoredFigure> {
    return changingCopies(this.tables, tenantId, held, () => this.writeFigure(tenantId, figure, before, by, at));
  }

  private async writeFigure(
    tenantId: string,
    figure: Figure,
    before: StoredFigure | undefined,
    by: Person,
    at: string,
  ): Promise<StoredFigure> {
    const entity = {
      partitionKey: encodeKeyPart(tenantId),
      rowKey: figureKey(figure.standardId, figure.periodId),
      standardId: figure.standardId,
      periodId: figure.periodId,
      value: figure.value,
      // Optional columns are left out rather than stored empty, so "none" reads back as none.
      ...(figure.count !== undefined && { count: figure.count }),
      ...(figure.note !== undefined && figure.note !== "" && { note: figure.note }),
      ...(figure.comparator !== undefined && { comparator: figure.comparator }),
      byId: by.userId,
      byName: by.name,
      at,
    };
    const audit = auditEntity(tenantId, figure.standardId, {
      field: `figure ${figure.periodId}`,
      from: before ? String(before.value) : "",
      to: String(figure.value),
      by,
      at,
    });
    for (let attempt = 0; ; attempt++) {
      // The standard's row keeps its newest figures: updated with this one, on the row's ETag.
      const row = await this.tables.get("Standards", entity.partitionKey, STANDARD + encodeKeyPart(figure.standardId));
      const recent = row && (recentFigures(row) ?? (await this.figures(tenantId, figure.standardId)));
      const ops: TransactionAction[] = [
        before ? ["update", entity, "Replace", { etag: before.etag }] : ["create", entity],
        ["create", audit],
        ...(row && recent
          ? [
              [
                "update",
                { partitionKey: entity.partitionKey, rowKey: row.rowKey!, recent: recentColumn(recent, figure) },
                "Merge",
                { etag: row.etag },
              ] as TransactionAction,
            ]
          : []),
      ];
      try {
        const result = await this.tables.transact("Standards", ops);
        return { ...figure, by, at, etag: result.subResponses[0]?.etag };
      } catch (error) {
        // Another figure of the same standard was recorded at the same moment: this one still
        // stands if its own period is as it was read. Otherwise it really was changed meanwhile.
        if (!(error instanceof ConcurrencyError) || attempt >= 10) throw error;
        const stored = await this.figure(tenantId, figure.standardId, figure.periodId);
        if (before ? stored?.etag !== before.etag : stored !== undefined) throw error;
      }
    }
  }

  /** What changed on a standard and its figures, newest first. */
  async history(tenantId: string, standardId: string, limit = 50): Promise<StandardChange[]> {
    const rows = await this.tables.queryPartition("Standards", encodeKeyPart(tenantId), `${AUDIT}${encodeKeyPart(standardId)}|`, limit);
    return rows.map((e) => ({
      field: text(e.field),
      from: text(e.from),
      to: text(e.to),
      by: { userId: text(e.byId), name: text(e.byName) },
      at: text(e.at),
    }));
  }
}

function auditEntity(tenantId: string, standardId: string, c: StandardChange) {
  return {
    partitionKey: encodeKeyPart(tenantId),
    rowKey: `${AUDIT}${encodeKeyPart(standardId)}|${newestFirst(c.at)}|${randomUUID().slice(0, 8)}`,
    ...changeColumns(c),
  };
}
