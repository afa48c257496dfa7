/**
 * A copy of each campaign, with the assessor report imported into it, beside each of its units'
 * assessments (Assessments, PartitionKey tenant|campaign, RowKey "<unit>|!campaign"), inside the
 * unit's own key range: the one query a turn makes for the unit's elements brings both, so a card
 * press reads neither Campaigns nor the report. The Campaigns row and the report's row (in
 * Actions) stay the record; the copies are rewritten after every change to either, by whoever
 * made the change:
 * - a change and a marker ("!sync|<campaign>") are one transaction in Campaigns, and the marker is
 *   removed once the copies are written, so a crash in between is mended at the next start-up;
 * - whoever writes copies reads the campaign (and report) again afterwards and writes again if
 *   either changed meanwhile, so two changes close together cannot leave the older one in the copies.
 * A missing copy (a unit of a campaign made by an earlier version, before start-up copied it) is
 * read from Campaigns instead: slower, never wrong.
 */
import type { TransactionAction } from "@azure/data-tables";
import type { Campaign } from "../domain/campaign.js";
import { reportKey, toReport, type StoredReport } from "./action-rows.js";
import { campaignColumns, toCampaign } from "./campaign-rows.js";
import { compositeKey, decodeKeyPart, encodeKeyPart } from "./keys.js";
import { optionalText, prefixEnd, type StoredEntity, type Tables } from "./tables.js";

// "!" is never produced by encodeKeyPart, so no element's row key ends this way.
const COPY = "!campaign";
export const SYNC_PREFIX = "!sync|";
/** Rewrites that found the campaign changed again before giving up; each one means another change happened. */
const ROUNDS = 5;

export function copyRowKey(unitId: string): string {
  return `${compositeKey(unitId)}|${COPY}`;
}

export function isCopyRow(rowKey: string | undefined): boolean {
  return (rowKey ?? "").endsWith(`|${COPY}`);
}

export function copiedCampaign(tenantId: string, campaignId: string, e: StoredEntity): Campaign {
  return toCampaign(tenantId, campaignId, e, optionalText(e.campaignEtag));
}

/** The report the copy holds: null when the campaign has none, undefined when the copy does not say (written before it did). */
export function copiedReport(e: StoredEntity): StoredReport | null | undefined {
  if (typeof e.report !== "string") return undefined;
  return e.report === NONE ? null : (JSON.parse(e.report) as StoredReport);
}

const NONE = "none";

/** The marker written with a change to the campaign, until its copies are written. */
export function syncMarker(tenantId: string, campaignId: string) {
  return { partitionKey: encodeKeyPart(tenantId), rowKey: SYNC_PREFIX + encodeKeyPart(campaignId) };
}

/**
 * Writes `campaign` (as stored, with its ETag) into the copy of every unit, then reads it again and
 * repeats while someone else has changed it meanwhile. Returns the campaign the copies now hold.
 */
export async function writeCopies(tables: Tables, campaign: Campaign): Promise<Campaign> {
  let current = campaign;
  let report = await readReport(tables, campaign);
  for (let round = 0; round < ROUNDS; round++) {
    const partitionKey = compositeKey(current.tenantId, current.id);
    await tables.transact(
      "Assessments",
      current.units.map((unit): TransactionAction => [
        "upsert",
        {
          partitionKey,
          rowKey: copyRowKey(unit.id),
          ...campaignColumns(current),
          campaignEtag: current.etag ?? "",
          report: report ?? NONE,
        },
        "Replace",
      ]),
    );
    const [stored, reportNow] = await Promise.all([
      tables.get("Campaigns", encodeKeyPart(current.tenantId), encodeKeyPart(current.id)),
      readReport(tables, current),
    ]);
    if (!stored || (stored.etag === current.etag && reportNow === report)) return current;
    current = toCampaign(current.tenantId, current.id, stored, stored.etag);
    report = reportNow;
  }
  return current;
}

/** The campaign's imported report as the copy stores it (JSON), or undefined when it has none. */
async function readReport(tables: Tables, campaign: Campaign): Promise<string | undefined> {
  const row = await tables.get("Actions", encodeKeyPart(campaign.tenantId), reportKey(campaign.id));
  return row && JSON.stringify(toReport(row));
}

/** Marks that `campaignId`'s copies are about to change with something stored elsewhere (its report). */
export async function markForSync(tables: Tables, tenantId: string, campaignId: string): Promise<string | undefined> {
  return tables.upsert("Campaigns", syncMarker(tenantId, campaignId), "Replace");
}

/**
 * After a change was stored: writes the copies of `campaign` (or, given its id, of what Campaigns
 * holds now), then removes the change's marker if nobody has written a newer one. When storage
 * fails here the change stands (it is stored, and the person is told so) and the marker stays:
 * mendCopies writes the copies at the scheduler's next look or the next start.
 */
export async function finishSync(tables: Tables, campaign: CampaignOrId, markerEtag: string | undefined): Promise<void> {
  await resync(tables, campaign, markerEtag).catch(() => undefined);
}

/** A campaign as just stored, or only which one (then it is read). */
type CampaignOrId = Campaign | Pick<Campaign, "tenantId" | "id">;

/** finishSync's work, failing when storage does (mendCopies counts on that). */
async function resync(tables: Tables, campaign: CampaignOrId, markerEtag: string | undefined): Promise<void> {
  const marker = syncMarker(campaign.tenantId, campaign.id);
  const whole =
    "units" in campaign
      ? campaign
      : await tables
          .get("Campaigns", marker.partitionKey, encodeKeyPart(campaign.id))
          .then((e) => e && toCampaign(campaign.tenantId, campaign.id, e, e.etag));
  if (whole) await writeCopies(tables, whole);
  await tables.delete("Campaigns", marker.partitionKey, marker.rowKey, markerEtag);
}

/**
 * At start-up and at every scheduler look: the copies of every campaign whose change was stored
 * but whose copies may not have been (a crash, storage lost mid-way). Returns how many it mended.
 */
export async function mendCopies(tables: Tables): Promise<number> {
  const markers = await tables.scan("Campaigns", `RowKey ge '${SYNC_PREFIX}' and RowKey lt '${prefixEnd(SYNC_PREFIX)}'`);
  for (const marker of markers) {
    const id = decodeKeyPart((marker.rowKey ?? "").slice(SYNC_PREFIX.length));
    await resync(tables, { tenantId: decodeKeyPart(marker.partitionKey ?? ""), id }, marker.etag);
  }
  return markers.length;
}
