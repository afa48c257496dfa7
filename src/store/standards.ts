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
import { recentColumn, recentFigures } from "./recent-figures.js";
import { encodeKeyPart, newestFirst } from "./keys.js";
import { AlreadyExistsError, ConcurrencyError, prefixEnd, text, type StoredEntity, type Tables } from "./tables.js";

export interface StandardChange {
  readonly field: string;
  readonly from: string;
  readonly to: string;
  readonly by: Person;
  readonly at: string;
}

export type StoredStandard = ServiceStandard & { readonly etag?: string };
export type StoredFigure = Figure & { readonly etag?: string; readonly by: Person; readonly at: string };

export const STANDARD = "s|";
export const FIGURE = "f|";
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

  /** A new standard with its "created" audit entry; AlreadyExistsError if the id is taken. */
  async create(
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
    const result = await this.tables.transact("Standards", ops);
    return { ...after, etag: result.subResponses[0]?.etag };
  }

  /** A standard's figures, oldest period first. */
  async figures(tenantId: string, standardId: string): Promise<StoredFigure[]> {
    const rows = await this.tables.queryPartition("Standards", encodeKeyPart(tenantId), `${FIGURE}${encodeKeyPart(standardId)}|`);
    return rows.map(toFigure);
  }

  /** The tenant's standards and all their figures in one query (their rows sort together, the audit before them). */
  async everything(tenantId: string): Promise<{ standards: StoredStandard[]; figures: StoredFigure[] }> {
    const rows = await this.tables.queryRange("Standards", encodeKeyPart(tenantId), FIGURE, prefixEnd(STANDARD));
    return {
      standards: rows.filter((r) => r.rowKey?.startsWith(STANDARD)).map(toStandard),
      figures: rows.filter((r) => r.rowKey?.startsWith(FIGURE)).map(toFigure),
    };
  }

  /**
   * The tenant's standards, each with its newest figures (recent-figures.ts): what a card showing
   * the latest results needs, in one query of the standards' rows alone. Rows written before
   * they kept their figures are read with every figure instead.
   */
  async withRecentFigures(tenantId: string): Promise<{ standards: StoredStandard[]; figures: Figure[] }> {
    const rows = await this.tables.queryPartition("Standards", encodeKeyPart(tenantId), STANDARD);
    const recent = rows.map(recentFigures);
    if (recent.some((r) => r === undefined)) return this.everything(tenantId);
    return { standards: rows.map(toStandard), figures: recent.flatMap((r) => r ?? []) };
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
   * when someone recorded or corrected it meanwhile.
   */
  async putFigure(tenantId: string, figure: Figure, before: StoredFigure | undefined, by: Person, at: string): Promise<StoredFigure> {
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

const figureKey = (standardId: string, periodId: string) => `${FIGURE}${encodeKeyPart(standardId)}|${encodeKeyPart(periodId)}`;

function standardEntity(tenantId: string, s: ServiceStandard) {
  return {
    partitionKey: encodeKeyPart(tenantId),
    rowKey: STANDARD + encodeKeyPart(s.id),
    standardId: s.id,
    promise: s.promise,
    measure: JSON.stringify(s.measure),
    target: JSON.stringify(s.target),
    frequency: s.frequency,
    ownerId: s.owner.userId,
    ownerName: s.owner.name,
    published: s.published,
    refs: s.refs.join(" "),
    unitId: s.unit?.id ?? "",
    unitName: s.unit?.name ?? "",
  };
}

function auditEntity(tenantId: string, standardId: string, c: StandardChange) {
  return {
    partitionKey: encodeKeyPart(tenantId),
    rowKey: `${AUDIT}${encodeKeyPart(standardId)}|${newestFirst(c.at)}|${randomUUID().slice(0, 8)}`,
    ...changeColumns(c),
  };
}

function toStandard(e: StoredEntity): StoredStandard {
  const frequency = text(e.frequency) === "monthly" ? "monthly" : "quarterly";
  return {
    id: text(e.standardId),
    promise: text(e.promise),
    measure: JSON.parse(text(e.measure) || '{"kind":"percentage"}') as ServiceStandard["measure"],
    target: JSON.parse(text(e.target) || '{"value":0,"better":"higher"}') as ServiceStandard["target"],
    frequency,
    owner: { userId: text(e.ownerId), name: text(e.ownerName) },
    published: e.published === true,
    refs: text(e.refs).split(" ").filter(Boolean),
    ...(text(e.unitId) && { unit: { id: text(e.unitId), name: text(e.unitName) } }),
    etag: e.etag,
  };
}

export function toFigure(e: StoredEntity): StoredFigure {
  return {
    standardId: text(e.standardId),
    periodId: text(e.periodId),
    value: Number(e.value),
    ...(typeof e.count === "number" && { count: e.count }),
    ...(text(e.note) && { note: text(e.note) }),
    ...(typeof e.comparator === "number" && { comparator: e.comparator }),
    by: { userId: text(e.byId), name: text(e.byName) },
    at: text(e.at),
    etag: e.etag,
  };
}
