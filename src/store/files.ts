/**
 * Files waiting for a decision, and the key that signs download links. An assessor report waits
 * here between its preview and the coordinator's Confirm, so Confirm works on any instance and
 * after a restart. Its text is gzipped and split across binary columns, because one Table
 * column holds at most 64 KB and a report's text can be several times that.
 */
import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { compositeKey, encodeKeyPart } from "./keys.js";
import { AlreadyExistsError, type Tables, text } from "./tables.js";

const CHUNK_BYTES = 64 * 1024;
/** An entity holds at most 1 MB; this leaves room for the other columns. */
const MAX_CHUNKS = 14;
const KEYS_PARTITION = "!keys";

export interface PendingImport {
  /** An assessor's report, an improvement plan, or service-standard figures (their text is the figures as JSON). */
  readonly kind: "report" | "plan" | "figures";
  readonly campaignId: string;
  readonly fingerprint: string;
  readonly fileName: string;
  readonly storedAt: string;
  readonly text: string;
}

export class TooLargeToKeepError extends Error {
  constructor() {
    super("the report's text is too large to keep for confirmation");
    this.name = "TooLargeToKeepError";
  }
}

export class FileStore {
  private signingKey?: Buffer;

  constructor(private readonly tables: Tables) {}

  /** One waiting import per person: a new preview replaces the last. */
  async keepImport(tenantId: string, userId: string, pending: PendingImport): Promise<void> {
    const zipped = gzipSync(Buffer.from(pending.text, "utf8"));
    const chunks = Math.ceil(zipped.length / CHUNK_BYTES);
    if (chunks > MAX_CHUNKS) throw new TooLargeToKeepError();
    const columns: Record<string, unknown> = {};
    for (let i = 0; i < chunks; i++) columns[`c${i}`] = new Uint8Array(zipped.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
    const { text: _omitted, ...rest } = pending;
    await this.tables.upsert("Files", { partitionKey: encodeKeyPart(tenantId), rowKey: importKey(userId), ...rest, chunks, ...columns });
  }

  async pendingImport(tenantId: string, userId: string): Promise<PendingImport | undefined> {
    const e = await this.tables.get("Files", encodeKeyPart(tenantId), importKey(userId));
    if (!e) return undefined;
    const parts = Array.from({ length: Number(e.chunks) }, (_, i) => Buffer.from(e[`c${i}`] as Uint8Array));
    const reportText = gunzipSync(Buffer.concat(parts)).toString("utf8");
    return {
      kind: e.kind === "plan" || e.kind === "figures" ? e.kind : "report",
      campaignId: text(e.campaignId),
      fingerprint: text(e.fingerprint),
      fileName: text(e.fileName),
      storedAt: text(e.storedAt),
      text: reportText,
    };
  }

  async forgetImport(tenantId: string, userId: string): Promise<void> {
    await this.tables.delete("Files", encodeKeyPart(tenantId), importKey(userId));
  }

  /** Deletes previews nobody confirmed or cancelled, stored before `before` (an ISO time); returns how many. */
  async forgetImportsStoredBefore(tenantId: string, before: string): Promise<number> {
    const pk = encodeKeyPart(tenantId);
    const stale = (await this.tables.queryPartition("Files", pk, "import|")).filter((e) => text(e.storedAt) < before);
    // On the ETag read: a preview someone replaced meanwhile is new, and stays.
    for (const e of stale) await this.tables.delete("Files", pk, text(e.rowKey), e.etag);
    return stale.length;
  }

  /** The deployment's secret for signing links: made once by whichever instance asks first. */
  async linkSigningKey(): Promise<Buffer> {
    if (this.signingKey) return this.signingKey;
    const read = async () => this.tables.get("Files", KEYS_PARTITION, "export-links");
    let e = await read();
    if (!e) {
      try {
        await this.tables.create("Files", {
          partitionKey: KEYS_PARTITION,
          rowKey: "export-links",
          key: randomBytes(32).toString("base64"),
        });
      } catch (error) {
        if (!(error instanceof AlreadyExistsError)) throw error;
      }
      e = await read();
    }
    this.signingKey = Buffer.from(String(e!.key), "base64");
    return this.signingKey;
  }
}

function importKey(userId: string): string {
  return compositeKey("import", userId);
}
