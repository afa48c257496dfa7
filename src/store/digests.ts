/**
 * Channels that follow a campaign's compliance summary, each with its own schedule, the last
 * period it was posted for, and the snapshot that post showed (so the next one can say what
 * changed). Rows in the tenant's partition of the Tenants table, "digest|<channel>".
 */
import type { DigestSchedule } from "../domain/digest.js";
import type { Snapshot } from "../domain/summary.js";
import { decodeKeyPart, encodeKeyPart } from "./keys.js";
import { ConcurrencyError, type StoredEntity, type Tables, text, optionalText } from "./tables.js";

export type DigestStatus = "active" | "off" | "unreachable";

export interface ChannelDigest {
  readonly tenantId: string;
  readonly channelId: string;
  readonly channelName: string;
  /** Where to post: a serialised conversation reference for the channel. */
  readonly conversation: string;
  readonly campaignId: string;
  readonly schedule: DigestSchedule;
  /** Owners' names on overdue actions in this channel's posts (a council may prefer none). */
  readonly showOwners: boolean;
  readonly status: DigestStatus;
  /** Why it is unreachable (the app was removed from the team). */
  readonly reason?: string;
  readonly lastPeriod?: string;
  readonly lastPostedAt?: string;
  readonly snapshot?: Snapshot;
  readonly updatedBy: string;
  readonly updatedAt: string;
  readonly etag?: string;
}

const PREFIX = "digest|";

export class DigestStore {
  constructor(private readonly tables: Tables) {}

  async get(tenantId: string, channelId: string): Promise<ChannelDigest | undefined> {
    const e = await this.tables.get("Tenants", encodeKeyPart(tenantId), PREFIX + encodeKeyPart(channelId));
    return e && toDigest(tenantId, e);
  }

  async list(tenantId: string): Promise<ChannelDigest[]> {
    const rows = await this.tables.queryPartition("Tenants", encodeKeyPart(tenantId), PREFIX);
    return rows.map((e) => toDigest(tenantId, e));
  }

  /** Creates or replaces the channel's settings if unchanged since read (`etag`); ConcurrencyError otherwise. */
  async save(digest: ChannelDigest): Promise<ChannelDigest> {
    const entity = toEntity(digest);
    const result = await this.tables.transact("Tenants", [
      digest.etag ? ["update", entity, "Replace", { etag: digest.etag }] : ["upsert", entity, "Replace"],
    ]);
    return { ...digest, etag: result.subResponses[0]?.etag };
  }

  /** Records a post for `period`, with what it showed; false if the settings changed meanwhile. */
  async posted(digest: ChannelDigest, period: string, snapshot: Snapshot, at: string): Promise<boolean> {
    return this.tryUpdate({ ...digest, lastPeriod: period, lastPostedAt: at, snapshot, status: "active", reason: undefined });
  }

  async unreachable(digest: ChannelDigest, reason: string): Promise<boolean> {
    return this.tryUpdate({ ...digest, status: "unreachable", reason });
  }

  private async tryUpdate(digest: ChannelDigest): Promise<boolean> {
    try {
      await this.save(digest);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }
}

function toEntity(d: ChannelDigest) {
  return {
    partitionKey: encodeKeyPart(d.tenantId),
    rowKey: PREFIX + encodeKeyPart(d.channelId),
    channelName: d.channelName,
    conversation: d.conversation,
    campaignId: d.campaignId,
    schedule: JSON.stringify(d.schedule),
    showOwners: d.showOwners,
    status: d.status,
    reason: d.reason ?? "",
    lastPeriod: d.lastPeriod ?? "",
    lastPostedAt: d.lastPostedAt ?? "",
    snapshot: d.snapshot ? JSON.stringify(d.snapshot) : "",
    updatedBy: d.updatedBy,
    updatedAt: d.updatedAt,
  };
}

function toDigest(tenantId: string, e: StoredEntity): ChannelDigest {
  return {
    tenantId,
    channelId: decodeKeyPart(text(e.rowKey).slice(PREFIX.length)),
    channelName: text(e.channelName),
    conversation: text(e.conversation),
    campaignId: text(e.campaignId),
    schedule: JSON.parse(text(e.schedule)) as DigestSchedule,
    showOwners: e.showOwners !== false,
    status: (text(e.status) as DigestStatus) || "active",
    reason: optionalText(e.reason),
    lastPeriod: optionalText(e.lastPeriod),
    lastPostedAt: optionalText(e.lastPostedAt),
    snapshot: e.snapshot ? (JSON.parse(text(e.snapshot)) as Snapshot) : undefined,
    updatedBy: text(e.updatedBy),
    updatedAt: text(e.updatedAt),
    etag: e.etag,
  };
}
