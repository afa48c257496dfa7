/**
 * The one storage helper. Everything that touches Azure Table Storage goes through here, with
 * the same code for Azurite and Azure. Writes that replace data carry an ETag.
 */
import { DefaultAzureCredential } from "@azure/identity";
import {
  RestError,
  TableClient,
  type TableEntity,
  type TableEntityResult,
  type TableServiceClientOptions,
  type TableTransactionResponse,
  type TransactionAction,
} from "@azure/data-tables";

import { AsyncLocalStorage } from "node:async_hooks";

type AdditionalPolicy = NonNullable<TableServiceClientOptions["additionalPolicies"]>[number];

/** Storage requests made within one piece of work (a turn), however many stores it used. */
const workCounter = new AsyncLocalStorage<{ requests: number }>();

/** Runs `work` and counts the storage requests it made (retries included), for the turn's log line. */
export async function countStorageRequests<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const counter = { requests: 0 };
  const result = await workCounter.run(counter, work);
  return { result, requests: counter.requests };
}

export class ConcurrencyError extends Error {
  constructor(what: string) {
    super(`${what} was changed by someone else`);
    this.name = "ConcurrencyError";
  }
}

export class AlreadyExistsError extends Error {
  constructor(what: string) {
    super(`${what} already exists`);
    this.name = "AlreadyExistsError";
  }
}

export const TABLE_NAMES = ["Campaigns", "Assessments", "Participants", "Tenants", "Actions", "Outbox", "Files", "Standards"] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type Entity = TableEntity<Record<string, unknown>>;
export type StoredEntity = TableEntityResult<Record<string, unknown>>;

/** A stored column as text; "" when absent (rows written before the column existed lack it). */
export function text(value: unknown): string {
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** A stored column as text, undefined when absent or empty. */
export function optionalText(value: unknown): string | undefined {
  return text(value) || undefined;
}

export class Tables {
  private readonly clients = new Map<TableName, TableClient>();
  private requests = 0;
  private inFlight = 0;
  private trips = 0;

  /**
   * `storage` is a connection string (Azurite, or an account key), or a table endpoint URL
   * ("https://account.table.core.windows.net"), reached with DefaultAzureCredential: the App
   * Service's managed identity on Azure (AZURE_CLIENT_ID names a user-assigned one).
   */
  constructor(storage: string, prefix: string) {
    const connectionString = storage;
    const endpoint = /^https:\/\/[^=;]+$/.test(storage) ? storage : undefined;
    const insecure = /UseDevelopmentStorage=true|https?:\/\/(127\.0\.0\.1|localhost)/i.test(connectionString);
    // Counts every HTTP request to storage (retries included), for logs and benchmarks, and the
    // round trips they took: a request sent while none is in flight starts a new one.
    const counter: AdditionalPolicy = {
      policy: {
        name: "countStorageRequests",
        sendRequest: async (request, next) => {
          this.requests++;
          if (this.inFlight++ === 0) this.trips++;
          const work = workCounter.getStore();
          if (work) work.requests++;
          try {
            return await next(request);
          } finally {
            this.inFlight--;
          }
        },
      },
      position: "perRetry",
    };
    const options = { allowInsecureConnection: insecure, additionalPolicies: [counter] };
    const credential = endpoint ? new DefaultAzureCredential() : undefined;
    for (const name of TABLE_NAMES) {
      this.clients.set(
        name,
        endpoint
          ? new TableClient(endpoint, prefix + name, credential!, options)
          : TableClient.fromConnectionString(connectionString, prefix + name, options),
      );
    }
  }

  /** Storage requests sent so far by this instance. */
  get requestCount(): number {
    return this.requests;
  }

  /** Round trips to storage so far: requests sent together (in flight at once) count once. */
  get roundTrips(): number {
    return this.trips;
  }

  /**
   * Creates missing tables; safe to call from several instances at once. On Azure the tables
   * are made by the deployment, and a managed identity with data access only may be refused
   * here (403): then they are checked by reading instead.
   */
  async ensureTables(): Promise<void> {
    await Promise.all(
      [...this.clients.values()].map(async (c) => {
        try {
          await c.createTable();
        } catch (error) {
          if (!(error instanceof RestError && error.statusCode === 403)) throw error;
          await c
            .listEntities({ queryOptions: { filter: "PartitionKey eq '!exists'" } })
            .byPage({ maxPageSize: 1 })
            .next();
        }
      }),
    );
  }

  /** One cheap round trip that data access alone allows, for health checks. Throws when storage is unreachable. */
  async ping(timeoutMs = 2000): Promise<void> {
    const abortSignal = AbortSignal.timeout(timeoutMs);
    await this.client("Tenants")
      .listEntities({ queryOptions: { filter: "PartitionKey eq '!ping'" }, abortSignal })
      .byPage({ maxPageSize: 1 })
      .next();
  }

  async get(table: TableName, partitionKey: string, rowKey: string): Promise<StoredEntity | undefined> {
    try {
      return await this.client(table).getEntity(partitionKey, rowKey);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /**
   * Entities of one partition in RowKey order, optionally only under a RowKey prefix, only those
   * whose columns equal `where` (filtered by the service, not here), and only the first `limit`.
   */
  async queryPartition(
    table: TableName,
    partitionKey: string,
    rowKeyPrefix?: string,
    limit = Infinity,
    where: Readonly<Record<string, string>> = {},
  ): Promise<StoredEntity[]> {
    let filter = `PartitionKey eq '${escapeOData(partitionKey)}'`;
    if (rowKeyPrefix) filter += ` and RowKey ge '${escapeOData(rowKeyPrefix)}' and RowKey lt '${escapeOData(prefixEnd(rowKeyPrefix))}'`;
    for (const [column, value] of Object.entries(where)) filter += ` and ${column} eq '${escapeOData(value)}'`;
    return this.collect(table, filter, limit);
  }

  /** Entities of one partition with RowKey in [from, to), in RowKey order: how the reminder sweep reads its date index. */
  async queryRange(table: TableName, partitionKey: string, from: string, to: string, limit = Infinity): Promise<StoredEntity[]> {
    const filter = `PartitionKey eq '${escapeOData(partitionKey)}' and RowKey ge '${escapeOData(from)}' and RowKey lt '${escapeOData(to)}'`;
    return this.collect(table, filter, limit);
  }

  /** Entities of every partition that match `filter` (an OData condition): for start-up migrations only. */
  async scan(table: TableName, filter: string): Promise<StoredEntity[]> {
    return this.collect(table, filter, Infinity);
  }

  private async collect(table: TableName, filter: string, limit: number): Promise<StoredEntity[]> {
    const out: StoredEntity[] = [];
    for await (const entity of this.client(table).listEntities({ queryOptions: { filter } })) {
      out.push(entity);
      if (out.length >= limit) break; // stops fetching further pages
    }
    return out;
  }

  /** Inserts; fails with AlreadyExistsError when the key is taken. Returns the new ETag. */
  async create(table: TableName, entity: Entity): Promise<string> {
    try {
      const res = await this.client(table).createEntity(entity);
      return res.etag ?? "";
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 409) throw new AlreadyExistsError(`${table} ${entity.rowKey}`);
      throw error;
    }
  }

  /**
   * All-or-nothing writes within one partition (at most 100). An ETag mismatch or a key that
   * already exists fails the whole transaction with ConcurrencyError; nothing is written.
   */
  async transact(table: TableName, actions: TransactionAction[]): Promise<TableTransactionResponse> {
    try {
      return await this.client(table).submitTransaction(actions);
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 412 || error.statusCode === 409 || error.statusCode === 404)) {
        throw new ConcurrencyError(`${table} transaction`);
      }
      throw error;
    }
  }

  /** Deletes one entity, only if still at `etag` when one is given; false when it was gone or had changed. */
  async delete(table: TableName, partitionKey: string, rowKey: string, etag?: string): Promise<boolean> {
    try {
      await this.client(table).deleteEntity(partitionKey, rowKey, etag ? { etag } : {});
      return true;
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 404 || error.statusCode === 412)) return false;
      throw error;
    }
  }

  /**
   * Last writer wins: only for data one person owns (such as their own place in a walk-through).
   * "Merge" keeps stored columns the entity does not mention. Returns the new ETag.
   */
  async upsert(table: TableName, entity: Entity, mode: "Replace" | "Merge" = "Replace"): Promise<string> {
    return (await this.client(table).upsertEntity(entity, mode)).etag ?? "";
  }

  private client(table: TableName): TableClient {
    return this.clients.get(table)!;
  }
}

/** The first key after every key that starts with `prefix`. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function escapeOData(value: string): string {
  return value.replace(/'/g, "''");
}
