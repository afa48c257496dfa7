/**
 * A copy of each campaign beside each of its units' assessments (Assessments, PartitionKey
 * tenant|campaign, RowKey "<unit>|!campaign"), inside the unit's own key range, carrying what
 * every element card shows beyond the unit's own assessments: the assessor report imported into
 * the campaign, the council's improvement actions by element and its service standards with their
 * newest figures (council-related.ts). The one query a turn makes for the unit's elements brings
 * all of it, so a card press reads no other table. Campaigns, Actions and Standards stay the
 * record; the copies are rewritten after every change to what they carry, by whoever made it:
 * - a marker ("!sync|<campaign>" in Campaigns) is written with the change to a campaign, in the
 *   same transaction, or before a change to actions and standards, which every campaign of the
 *   council carries (holdCopies); it is removed once the copies are written, so a crash in
 *   between is mended at the scheduler's next look or the next start-up;
 * - whoever writes copies reads what they carry again afterwards and writes again if it changed
 *   meanwhile, so two changes close together cannot leave the older one in the copies.
 * A missing copy (a unit of a campaign made by an earlier version, before start-up copied it), or
 * one that does not carry something (an archived campaign's carry no actions or standards), is
 * read from the record instead: slower, never wrong.
 */
import type { TransactionAction } from "@azure/data-tables";
import type { Campaign } from "../domain/campaign.js";
import { reportKey, toReport, type StoredReport } from "./action-rows.js";
import { copyRowKey } from "./assessment-rows.js";
import { campaignColumns, toCampaign } from "./campaign-rows.js";
import { readCouncilRelated, relatedColumns } from "./council-related.js";
import { carriedLastCycleColumns, lastCycleColumns } from "./copy-last-cycle.js";
import { compositeKey, decodeKeyPart, encodeKeyPart } from "./keys.js";
import { optionalText, prefixEnd, type Entity, type StoredEntity, type Tables } from "./tables.js";

export const SYNC_PREFIX = "!sync|";
/** Rewrites that found the campaign changed again before giving up; each one means another change happened. */
const ROUNDS = 5;
/** A transaction's body holds at most 4 MiB; copies are written in transactions of at most this many characters. */
const TRANSACTION_CHARS = 1_000_000;

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

/** What a copy carries beside the campaign, as stored (JSON), read from the record. */
interface Carried {
  readonly report: string | undefined;
  /** None for an archived campaign: rarely opened, its cards read actions and standards from the record. */
  readonly related: string | undefined;
}

async function readCarried(tables: Tables, campaign: Campaign): Promise<Carried> {
  const [report, related] = await Promise.all([
    readReport(tables, campaign),
    campaign.status === "archived" ? undefined : readCouncilRelated(tables, campaign.tenantId).then((r) => JSON.stringify(r)),
  ]);
  return { report, related };
}

/**
 * What a rewrite of the copies writes: "whole" copies, or only what actions, standards and figures
 * change ("carried"), leaving last cycle's assessments as they are (they never change once
 * carried), so a change to an action does not read the whole of last cycle again.
 */
export type CopyRewrite = "whole" | "carried";

/**
 * Writes `campaign` (as stored, with its ETag) and what it carries into the copy of every unit,
 * then reads both again and repeats while someone else has changed either meanwhile. Returns the
 * campaign the copies now hold.
 */
export async function writeCopies(tables: Tables, campaign: Campaign, rewrite: CopyRewrite = "whole"): Promise<Campaign> {
  let current = campaign;
  // Last cycle's assessments are carried only once final, so they are read once, not checked again.
  const [lastCycle, first] = await Promise.all([
    rewrite === "whole" ? lastCycleColumns(tables, campaign) : undefined,
    readCarried(tables, campaign),
  ]);
  let carried = first;
  for (let round = 0; round < ROUNDS; round++) {
    const partitionKey = compositeKey(current.tenantId, current.id);
    const columns = {
      ...campaignColumns(current),
      campaignEtag: current.etag ?? "",
      report: carried.report ?? NONE,
      ...relatedColumns(carried.related),
    };
    const copies = current.units.map((unit) => ({
      partitionKey,
      rowKey: copyRowKey(unit.id),
      ...columns,
      ...(lastCycle && carriedLastCycleColumns(lastCycle(unit.id))),
    }));
    // Merged, a copy keeps the columns not written here: last cycle's, when they were not read.
    const mode = rewrite === "whole" ? "Replace" : "Merge";
    for (const batch of transactions(copies, mode)) await tables.transact("Assessments", batch);
    const [stored, carriedNow] = await Promise.all([
      tables.get("Campaigns", encodeKeyPart(current.tenantId), encodeKeyPart(current.id)),
      readCarried(tables, current),
    ]);
    if (!stored || (stored.etag === current.etag && carriedNow.report === carried.report && carriedNow.related === carried.related))
      return current;
    current = toCampaign(current.tenantId, current.id, stored, stored.etag);
    carried = carriedNow;
  }
  return current;
}

/** Copies in transactions of at most 100 rows and TRANSACTION_CHARS characters (one row alone may be more). */
function transactions(copies: readonly Entity[], mode: "Replace" | "Merge"): TransactionAction[][] {
  const batches: TransactionAction[][] = [];
  let chars = Infinity;
  for (const copy of copies) {
    const size = JSON.stringify(copy).length;
    if (chars + size > TRANSACTION_CHARS || batches.at(-1)!.length >= 100) {
      batches.push([]);
      chars = 0;
    }
    batches.at(-1)!.push(["upsert", copy, mode]);
    chars += size;
  }
  return batches;
}

/** The campaign's imported report as the copy stores it (JSON), or undefined when it has none. */
async function readReport(tables: Tables, campaign: Campaign): Promise<string | undefined> {
  const row = await tables.get("Actions", encodeKeyPart(campaign.tenantId), reportKey(campaign.id));
  return row && JSON.stringify(toReport(row));
}

/**
 * The campaigns of a tenant, each with its ETag, in id order: its rows in Campaigns but those
 * starting "!" (markers, audit trail), which the range leaves unread.
 */
export async function tenantCampaigns(tables: Tables, tenantId: string): Promise<Campaign[]> {
  // Encoded ids start with a letter, digit, "-", ".", "_" or "~", all after "!".
  const rows = await tables.queryRange("Campaigns", encodeKeyPart(tenantId), "-", "~~");
  return rows.map((e) => toCampaign(tenantId, decodeKeyPart(e.rowKey ?? ""), e, e.etag));
}

/** The tenant's campaigns whose copies carry actions and standards: all but the archived. */
async function liveCampaigns(tables: Tables, tenantId: string): Promise<Campaign[]> {
  return (await tenantCampaigns(tables, tenantId)).filter((c) => c.status !== "archived");
}

/** Copies marked for a change to what they carry: `finish` writes them once the change is stored. */
export interface HeldCopies {
  finish(): Promise<void>;
}

/**
 * Marks every campaign of the tenant but the archived before a change to what all their copies
 * carry (its actions, reports, standards and figures). Call `finish` once the change is stored, or failed.
 */
export async function holdCopies(tables: Tables, tenantId: string, rewrite: CopyRewrite = "carried"): Promise<HeldCopies> {
  const campaigns = await liveCampaigns(tables, tenantId);
  const markers = await mark(tables, tenantId, campaigns);
  return {
    finish: async () => {
      // A campaign made meanwhile may have copied what was there before the change: it is
      // marked and written too (any made from now on reads the change itself).
      const made = await liveCampaigns(tables, tenantId)
        .then((now) => now.filter((c) => !markers.has(c.id)))
        .catch(() => []);
      const more = await mark(tables, tenantId, made).catch(() => new Map<string, string | undefined>());
      // Each campaign's copies are a partition of their own: written side by side.
      await Promise.all(
        [...campaigns, ...made.filter((c) => more.has(c.id))].map((c) =>
          finishSync(tables, c, markers.get(c.id) ?? more.get(c.id), rewrite),
        ),
      );
    },
  };
}

/** Writes a marker for each of `campaigns`; their ETags by campaign id. */
async function mark(tables: Tables, tenantId: string, campaigns: readonly Campaign[]): Promise<Map<string, string | undefined>> {
  const markers = new Map<string, string | undefined>();
  for (let i = 0; i < campaigns.length; i += 100) {
    const batch = campaigns.slice(i, i + 100);
    const result = await tables.transact(
      "Campaigns",
      batch.map((c): TransactionAction => ["upsert", syncMarker(tenantId, c.id), "Replace"]),
    );
    batch.forEach((c, j) => markers.set(c.id, result.subResponses[j]?.etag));
  }
  return markers;
}

/** Writes the copies of every live campaign of the tenant again: after a campaign is finished, those following it carry its assessments. */
export async function rewriteAllCopies(tables: Tables, tenantId: string): Promise<void> {
  await (await holdCopies(tables, tenantId, "whole")).finish();
}

/**
 * `write`, a change to what every campaign's copies carry, with the copies marked before and
 * written after; when the caller already `held` them (a change of many writes), only `write`.
 */
export async function changingCopies<T>(
  tables: Tables,
  tenantId: string,
  held: HeldCopies | undefined,
  write: () => Promise<T>,
): Promise<T> {
  if (held) return write();
  const mine = await holdCopies(tables, tenantId);
  try {
    return await write();
  } finally {
    await mine.finish();
  }
}

/**
 * After a change was stored: writes the copies of `campaign` (or, given its id, of what Campaigns
 * holds now), then removes the change's marker if nobody has written a newer one. When storage
 * fails here the change stands (it is stored, and the person is told so) and the marker stays:
 * mendCopies writes the copies at the scheduler's next look or the next start.
 */
export async function finishSync(
  tables: Tables,
  campaign: CampaignOrId,
  markerEtag: string | undefined,
  rewrite: CopyRewrite = "whole",
): Promise<void> {
  await resync(tables, campaign, markerEtag, rewrite).catch(() => undefined);
}

/** A campaign as just stored, or only which one (then it is read). */
type CampaignOrId = Campaign | Pick<Campaign, "tenantId" | "id">;

/** finishSync's work, failing when storage does (mendCopies counts on that). */
async function resync(
  tables: Tables,
  campaign: CampaignOrId,
  markerEtag: string | undefined,
  rewrite: CopyRewrite = "whole",
): Promise<void> {
  const marker = syncMarker(campaign.tenantId, campaign.id);
  const whole =
    "units" in campaign
      ? campaign
      : await tables
          .get("Campaigns", marker.partitionKey, encodeKeyPart(campaign.id))
          .then((e) => e && toCampaign(campaign.tenantId, campaign.id, e, e.etag));
  if (whole) await writeCopies(tables, whole, rewrite);
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
