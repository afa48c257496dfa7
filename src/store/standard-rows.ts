/**
 * A service standard's and a figure's rows in the Standards table (layout in standards.ts), and
 * their reading back. Row format only; no storage calls.
 */
import type { Person } from "../domain/actions.js";
import type { Figure, ServiceStandard } from "../domain/standards.js";
import { encodeKeyPart } from "./keys.js";
import { text, type StoredEntity } from "./tables.js";

export type StoredStandard = ServiceStandard & { readonly etag?: string };
export type StoredFigure = Figure & { readonly etag?: string; readonly by: Person; readonly at: string };

export const STANDARD = "s|";
export const FIGURE = "f|";

export const figureKey = (standardId: string, periodId: string) => `${FIGURE}${encodeKeyPart(standardId)}|${encodeKeyPart(periodId)}`;

export function standardEntity(tenantId: string, s: ServiceStandard) {
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

export function toStandard(e: StoredEntity): StoredStandard {
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
