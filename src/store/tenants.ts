/**
 * The organisations the bot works for, so the daily sweep knows whom to visit without scanning
 * every table, and where to reach each one (its Bot Connector service URL, needed to open a chat
 * with someone who never wrote to the bot). One row per tenant in the "!directory" partition of
 * the Tenants table.
 */
import { decodeKeyPart, encodeKeyPart } from "./keys.js";
import { text, type Tables } from "./tables.js";

const DIRECTORY = "!directory";

export class TenantDirectory {
  /** What this instance already wrote, so a busy bot writes each tenant once, not every turn. */
  private readonly known = new Map<string, string>();

  constructor(private readonly tables: Tables) {}

  /** Idempotent; the service URL is kept when none is given. */
  async register(tenantId: string, serviceUrl?: string): Promise<void> {
    const seen = this.known.get(tenantId);
    if (seen !== undefined && (serviceUrl === undefined || seen === serviceUrl)) return;
    await this.tables.upsert(
      "Tenants",
      { partitionKey: DIRECTORY, rowKey: encodeKeyPart(tenantId), ...(serviceUrl ? { serviceUrl } : {}) },
      "Merge",
    );
    this.known.set(tenantId, serviceUrl ?? seen ?? "");
  }

  async list(): Promise<string[]> {
    const rows = await this.tables.queryPartition("Tenants", DIRECTORY);
    return rows.map((e) => decodeKeyPart(e.rowKey ?? ""));
  }

  async serviceUrl(tenantId: string): Promise<string | undefined> {
    const e = await this.tables.get("Tenants", DIRECTORY, encodeKeyPart(tenantId));
    return e?.serviceUrl ? text(e.serviceUrl) : undefined;
  }
}
