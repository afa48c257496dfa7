/**
 * Last cycle's assessments of a unit, as its element cards show them for context
 * (domain/last-cycle.ts), carried in the unit's copy of a campaign (campaign-copies.ts) once the
 * campaign it follows is finished: signed off or archived, its assessments never change again, so
 * nothing but a change to that campaign itself (being finished, archived) rewrites them. While it
 * is still open the copies do not carry it, and cards read its rows instead: slower, never wrong.
 */
import { isFinished, type Campaign } from "../domain/campaign.js";
import { lastCycleElement, type LastCycleElement } from "../domain/last-cycle.js";
import { isCopyRow, toAssessment, UNITS_FROM, UNITS_TO } from "./assessment-rows.js";
import { toCampaign } from "./campaign-rows.js";
import { compositeKey, encodeKeyPart } from "./keys.js";
import { longColumn, longColumns } from "./long-columns.js";
import type { StoredEntity, Tables } from "./tables.js";

export interface CarriedLastCycle {
  readonly campaignName: string;
  readonly elements: Readonly<Record<string, LastCycleElement>>;
}

/** The column's value when there is no last cycle to show: no campaign before, or no assessments in it. */
const NONE = "none";

/**
 * The `lastCycle` column of each unit's copy of `campaign` (by unit id), as JSON or NONE; undefined
 * when the copies cannot carry it yet (the campaign before is not finished). One query of the
 * campaign before's units, when there is one.
 */
export async function lastCycleColumns(tables: Tables, campaign: Campaign): Promise<((unitId: string) => string) | undefined> {
  const previousId = campaign.previousCampaignId;
  if (!previousId) return () => NONE;
  const row = await tables.get("Campaigns", encodeKeyPart(campaign.tenantId), encodeKeyPart(previousId));
  if (!row) return () => NONE;
  const before = toCampaign(campaign.tenantId, previousId, row, row.etag);
  if (!isFinished(before)) return undefined;
  const rows = await tables.queryRange("Assessments", compositeKey(campaign.tenantId, previousId), UNITS_FROM, UNITS_TO);
  const byUnit = Map.groupBy(
    rows.filter((e) => !isCopyRow(e.rowKey)).map((e) => toAssessment(previousId, e)),
    (a) => a.unitId,
  );
  return (unitId) => {
    const own = byUnit.get(unitId);
    if (!own?.length) return NONE;
    const carried: CarriedLastCycle = {
      campaignName: before.name,
      elements: Object.fromEntries(own.map((a) => [a.ref, lastCycleElement(a)])),
    };
    return JSON.stringify(carried);
  };
}

/** `column` (from lastCycleColumns) as a copy's columns. */
export function carriedLastCycleColumns(column: string): Record<string, string> {
  // 57 elements of at most 201 characters each fit in two columns; four leave room for escapes.
  return longColumns("lastCycle", column, 4);
}

/** What a copy carries of last cycle: null when there is none to show, undefined when it does not say. */
export function copiedLastCycle(e: StoredEntity): CarriedLastCycle | null | undefined {
  const column = longColumn(e, "lastCycle");
  if (column === undefined) return undefined;
  return column === NONE ? null : (JSON.parse(column) as CarriedLastCycle);
}
