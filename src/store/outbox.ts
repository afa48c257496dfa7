/**
 * Reminders on their way out, in the Outbox table, tenant's partition:
 *   "m|<YYYY-MM-DD>|<user>"  the one message a person gets that day, with every item in it. Its
 *                            key is the dedupe key: a second sweep that day finds it and adds
 *                            nothing twice; a restart sends what is still pending.
 *   "c|<source>"             the last day a source's dated reminders went out (campaign due
 *                            dates, review dates), so a restart neither repeats nor skips one.
 * And the sender's lease, in the "!lease" partition: whoever holds it sends; it expires if its
 * holder dies, so another instance takes over.
 */
import type { TransactionAction } from "@azure/data-tables";
import type { IsoDate } from "../domain/calendar.js";
import { MAX_ITEMS_PER_MESSAGE, type ReminderItem } from "../domain/reminders.js";
import { decodeKeyPart, encodeKeyPart } from "./keys.js";
import { AlreadyExistsError, ConcurrencyError, type Entity, type StoredEntity, type Tables, text, optionalText } from "./tables.js";

export type MessageStatus = "pending" | "sent" | "unreachable" | "superseded";

export interface OutboxMessage {
  readonly tenantId: string;
  readonly day: IsoDate;
  readonly userId: string;
  readonly displayName: string;
  readonly items: readonly ReminderItem[];
  readonly status: MessageStatus;
  readonly attempts: number;
  readonly lastError?: string;
  readonly sentAt?: string;
  readonly etag?: string;
}

export interface Bundle {
  readonly userId: string;
  readonly displayName: string;
  readonly items: readonly ReminderItem[];
}

const MESSAGE = "m|";
const CURSOR = "c|";
const LEASES = "!lease";
/** Transactions take at most 100 operations. */
const BATCH = 100;

export class OutboxStore {
  constructor(private readonly tables: Tables) {}

  /**
   * Makes sure each person has their message for `day` holding their items. Items already in a
   * pending message are not added twice; a message already sent takes no more (those items wait
   * for the next day). Returns the keys of items that are in a message for `day`.
   */
  async plan(tenantId: string, day: IsoDate, bundles: readonly Bundle[]): Promise<Set<string>> {
    const pk = encodeKeyPart(tenantId);
    const existing = new Map((await this.messages(tenantId, day)).map((m) => [m.userId, m]));
    const planned = new Set<string>();
    const fresh: Entity[] = [];
    for (const bundle of bundles) {
      const had = existing.get(bundle.userId);
      if (!had) {
        const items = bundle.items.slice(0, MAX_ITEMS_PER_MESSAGE);
        fresh.push(messageEntity(pk, day, bundle.userId, bundle.displayName, items, "pending", 0));
        items.forEach((i) => planned.add(i.key));
        continue;
      }
      had.items.forEach((i) => planned.add(i.key));
      const added = bundle.items.filter((i) => !had.items.some((h) => h.key === i.key)).slice(0, MAX_ITEMS_PER_MESSAGE - had.items.length);
      if (had.status !== "pending" || added.length <= 0) continue;
      await this.tables.transact("Outbox", [
        [
          "update",
          messageEntity(pk, day, had.userId, had.displayName, [...had.items, ...added], "pending", had.attempts),
          "Replace",
          { etag: had.etag },
        ],
      ]);
      added.forEach((i) => planned.add(i.key));
    }
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      try {
        await this.tables.transact(
          "Outbox",
          batch.map((e): TransactionAction => ["create", e]),
        );
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        // Someone planned some of these at the same moment: theirs stand, ours fill the gaps.
        for (const e of batch)
          await this.tables.create("Outbox", e).catch((single: unknown) => {
            if (!(single instanceof AlreadyExistsError)) throw single;
          });
      }
    }
    return planned;
  }

  /** Messages for `day`, every status. */
  async messages(tenantId: string, day: IsoDate): Promise<OutboxMessage[]> {
    const rows = await this.tables.queryPartition("Outbox", encodeKeyPart(tenantId), `${MESSAGE}${day}|`);
    return rows.map((e) => toMessage(tenantId, e));
  }

  /** Messages not yet delivered, from any day up to `day`, oldest first. */
  async pending(tenantId: string, day: IsoDate): Promise<OutboxMessage[]> {
    const rows = await this.tables.queryRange("Outbox", encodeKeyPart(tenantId), MESSAGE, `${MESSAGE}${day}|~`);
    return rows.map((e) => toMessage(tenantId, e)).filter((m) => m.status === "pending");
  }

  /** Records the outcome of a delivery attempt. Only the lease holder sends, so last writer wins. */
  async record(message: OutboxMessage, outcome: { status: MessageStatus; error?: string; at: string }): Promise<void> {
    const pk = encodeKeyPart(message.tenantId);
    await this.tables.upsert(
      "Outbox",
      {
        partitionKey: pk,
        rowKey: messageKey(message.day, message.userId),
        status: outcome.status,
        attempts: message.attempts + 1,
        lastError: outcome.error ?? "",
        ...(outcome.status === "sent" ? { sentAt: outcome.at } : {}),
      },
      "Merge",
    );
  }

  /**
   * Deletes delivered (or undeliverable, or superseded) messages dated before `before`, at most
   * `limit` a call, so the outbox does not grow for ever. Pending ones stay until sent.
   */
  async forget(tenantId: string, before: IsoDate, limit = 1_000): Promise<number> {
    const pk = encodeKeyPart(tenantId);
    const old = (await this.tables.queryRange("Outbox", pk, MESSAGE, `${MESSAGE}${before}`, limit)).filter((e) => e.status !== "pending");
    for (let i = 0; i < old.length; i += BATCH) {
      await this.tables.transact(
        "Outbox",
        old.slice(i, i + BATCH).map((e): TransactionAction => ["delete", { partitionKey: pk, rowKey: text(e.rowKey) }]),
      );
    }
    return old.length;
  }

  async cursor(tenantId: string, source: string): Promise<IsoDate | undefined> {
    const e = await this.tables.get("Outbox", encodeKeyPart(tenantId), CURSOR + encodeKeyPart(source));
    return e?.sentUpTo ? text(e.sentUpTo) : undefined;
  }

  async setCursor(tenantId: string, source: string, sentUpTo: IsoDate): Promise<void> {
    await this.tables.upsert("Outbox", { partitionKey: encodeKeyPart(tenantId), rowKey: CURSOR + encodeKeyPart(source), sentUpTo });
  }

  /**
   * Takes or renews the lease `name` for `holderId` until `now + ttlMs`; false while someone else
   * holds an unexpired one. ETags make two instances racing for it end with one holder.
   */
  async acquireLease(name: string, holderId: string, now: Date, ttlMs: number): Promise<boolean> {
    const row = await this.tables.get("Outbox", LEASES, encodeKeyPart(name));
    const entity = {
      partitionKey: LEASES,
      rowKey: encodeKeyPart(name),
      holderId,
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    };
    try {
      if (!row) await this.tables.create("Outbox", entity);
      else if (row.holderId === holderId || text(row.expiresAt) <= now.toISOString())
        await this.tables.transact("Outbox", [["update", entity, "Replace", { etag: row.etag }]]);
      else return false;
      return true;
    } catch (error) {
      if (error instanceof AlreadyExistsError || error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  /** Gives the lease up at once (on shutdown), if `holderId` still holds it. */
  async releaseLease(name: string, holderId: string): Promise<void> {
    const row = await this.tables.get("Outbox", LEASES, encodeKeyPart(name));
    if (row?.holderId !== holderId) return;
    await this.tables
      .transact("Outbox", [
        ["update", { partitionKey: LEASES, rowKey: encodeKeyPart(name), holderId: "", expiresAt: "" }, "Replace", { etag: row.etag }],
      ])
      .catch((error: unknown) => {
        if (!(error instanceof ConcurrencyError)) throw error;
      });
  }

  async leaseHolder(name: string, now: Date): Promise<string | undefined> {
    const row = await this.tables.get("Outbox", LEASES, encodeKeyPart(name));
    return row?.holderId && text(row.expiresAt) > now.toISOString() ? text(row.holderId) : undefined;
  }
}

const messageKey = (day: IsoDate, userId: string) => `${MESSAGE}${day}|${encodeKeyPart(userId)}`;

function messageEntity(
  pk: string,
  day: IsoDate,
  userId: string,
  displayName: string,
  items: readonly ReminderItem[],
  status: MessageStatus,
  attempts: number,
): Entity {
  return { partitionKey: pk, rowKey: messageKey(day, userId), displayName, items: JSON.stringify(items), status, attempts, lastError: "" };
}

function toMessage(tenantId: string, e: StoredEntity): OutboxMessage {
  const [, day = "", user = ""] = text(e.rowKey).split("|");
  return {
    tenantId,
    day,
    userId: decodeKeyPart(user),
    displayName: text(e.displayName),
    items: JSON.parse(text(e.items) || "[]") as ReminderItem[],
    status: text(e.status) as MessageStatus,
    attempts: Number(e.attempts ?? 0),
    lastError: optionalText(e.lastError),
    sentAt: optionalText(e.sentAt),
    etag: e.etag,
  };
}
