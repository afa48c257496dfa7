/**
 * The one storage helper. Everything that touches Azure Table Storage goes through here, with
 * the same code for Azurite and Azure. Writes that replace data carry an ETag.
 */
import { RestError, TableClient, TableServiceClient, type TableEntity, type TableEntityResult, type TableServiceClientOptions } from "@azure/data-tables";

type AdditionalPolicy = NonNullable<TableServiceClientOptions["additionalPolicies"]>[number];

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

export const TABLE_NAMES = ["Campaigns", "Assessments", "Participants", "Tenants"] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type Entity = TableEntity<Record<string, unknown>>;
export type StoredEntity = TableEntityResult<Record<string, unknown>>;

export class Tables {
  private readonly clients = new Map<TableName, TableClient>();
  private readonly service: TableServiceClient;
  private requests = 0;

  constructor(connectionString: string, prefix: string) {
    const insecure = /UseDevelopmentStorage=true|https?:\/\/(127\.0\.0\.1|localhost)/i.test(connectionString);
    // Counts every HTTP request to storage (retries included), for logs and benchmarks.
    const counter: AdditionalPolicy = {
      policy: { name: "countStorageRequests", sendRequest: (request, next) => (this.requests++, next(request)) },
      position: "perRetry",
    };
    const options = { allowInsecureConnection: insecure, additionalPolicies: [counter] };
    this.service = TableServiceClient.fromConnectionString(connectionString, options);
    for (const name of TABLE_NAMES) {
      this.clients.set(name, TableClient.fromConnectionString(connectionString, prefix + name, options));
    }
  }

  /** Storage requests sent so far by this instance. */
  get requestCount(): number {
    return this.requests;
  }

  /** Creates missing tables; safe to call from several instances at once. */
  async ensureTables(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.createTable()));
  }

  /** One cheap round trip, for health checks. Throws when storage is unreachable. */
  async ping(timeoutMs = 2000): Promise<void> {
    const abort = AbortSignal.timeout(timeoutMs);
    await this.service.getProperties({ abortSignal: abort });
  }

  async get(table: TableName, partitionKey: string, rowKey: string): Promise<StoredEntity | undefined> {
    try {
      return await this.client(table).getEntity(partitionKey, rowKey);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async queryPartition(table: TableName, partitionKey: string, rowKeyPrefix?: string): Promise<StoredEntity[]> {
    let filter = `PartitionKey eq '${escapeOData(partitionKey)}'`;
    if (rowKeyPrefix) {
      const upper = rowKeyPrefix.slice(0, -1) + String.fromCharCode(rowKeyPrefix.charCodeAt(rowKeyPrefix.length - 1) + 1);
      filter += ` and RowKey ge '${escapeOData(rowKeyPrefix)}' and RowKey lt '${escapeOData(upper)}'`;
    }
    const out: StoredEntity[] = [];
    for await (const entity of this.client(table).listEntities({ queryOptions: { filter } })) out.push(entity);
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

  /** Replaces only if unchanged since `etag` was read; otherwise ConcurrencyError. */
  async replace(table: TableName, entity: Entity, etag: string): Promise<string> {
    try {
      const res = await this.client(table).updateEntity(entity, "Replace", { etag });
      return res.etag ?? "";
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 412 || error.statusCode === 404)) {
        throw new ConcurrencyError(`${table} ${entity.rowKey}`);
      }
      throw error;
    }
  }

  /** Creates when `etag` is undefined, else replaces with the ETag check. */
  async save(table: TableName, entity: Entity, etag: string | undefined): Promise<string> {
    if (etag !== undefined) return this.replace(table, entity, etag);
    try {
      return await this.create(table, entity);
    } catch (error) {
      if (error instanceof AlreadyExistsError) throw new ConcurrencyError(`${table} ${entity.rowKey}`);
      throw error;
    }
  }

  /** Last writer wins: only for data one person owns (such as their own place in a walk-through). */
  async upsert(table: TableName, entity: Entity): Promise<void> {
    await this.client(table).upsertEntity(entity, "Replace");
  }

  private client(table: TableName): TableClient {
    return this.clients.get(table)!;
  }
}

function escapeOData(value: string): string {
  return value.replace(/'/g, "''");
}
