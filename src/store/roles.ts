/**
 * Who holds which role in a tenant, and the audit of every role change. A person's roles are a
 * column of their own row in the Participants table (beside their place in the walk-through), so
 * one read gives a turn everything it needs about the person; the audit entries and the one-time
 * setup marker live in the same partition, so a change and its audit entry are one transaction.
 */
import { randomUUID } from "node:crypto";
import type { TransactionAction } from "@azure/data-tables";
import { GRANTABLE_ROLES, type Role } from "../domain/roles.js";
import { decodeKeyPart, encodeKeyPart, newestFirst } from "./keys.js";
import { text, type StoredEntity, type Tables } from "./tables.js";

export interface RoleHolder {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly etag?: string;
}

export interface RoleChange {
  readonly targetId: string;
  readonly targetName: string;
  readonly role: Role;
  readonly change: "granted" | "removed" | "setup";
  readonly byId: string;
  readonly byName: string;
  readonly at: string;
}

const AUDIT_PREFIX = "!audit|role|";
/** Exists once the tenant's first coordinator set themselves up; a second setup fails on it. */
const BOOTSTRAP_ROW = "!coordinator-bootstrap";

export class RoleStore {
  constructor(private readonly tables: Tables) {}

  /** The person's roles (none when their row has none) with the row's ETag; undefined when the bot has no row for them. */
  async get(tenantId: string, userId: string): Promise<RoleHolder | undefined> {
    const e = await this.tables.get("Participants", encodeKeyPart(tenantId), encodeKeyPart(userId));
    return e && toHolder(tenantId, e);
  }

  /** Everyone holding at least one role. */
  async list(tenantId: string): Promise<RoleHolder[]> {
    const rows = await this.tables.queryPartition("Participants", encodeKeyPart(tenantId));
    return rows
      .filter((e) => !(e.rowKey ?? "").startsWith("!"))
      .map((e) => toHolder(tenantId, e))
      .filter((h) => h.roles.length > 0);
  }

  async hasBootstrapped(tenantId: string): Promise<boolean> {
    return (await this.tables.get("Participants", encodeKeyPart(tenantId), BOOTSTRAP_ROW)) !== undefined;
  }

  /**
   * Stores `holder`'s roles if unchanged since read (`holder.etag`; none: new), with the audit
   * entry. With `bootstrap`, also claims the tenant's one-time setup; ConcurrencyError if taken.
   */
  async save(holder: RoleHolder, change: RoleChange, bootstrap = false): Promise<void> {
    const partitionKey = encodeKeyPart(holder.tenantId);
    const entity = {
      partitionKey,
      rowKey: encodeKeyPart(holder.userId),
      displayName: holder.displayName,
      roles: JSON.stringify(holder.roles),
    };
    const actions: TransactionAction[] = [
      // Merged: the rest of the person's row (their place, how to reach them) stays as it is.
      holder.etag === undefined ? ["create", entity] : ["update", entity, "Merge", { etag: holder.etag }],
      ["create", { partitionKey, rowKey: auditRowKey(change), ...change }],
    ];
    if (bootstrap) actions.push(["create", { partitionKey, rowKey: BOOTSTRAP_ROW, byId: change.byId, at: change.at }]);
    await this.tables.transact("Participants", actions);
  }

  /** Role changes in the tenant, newest first. */
  async history(tenantId: string, limit = 50): Promise<RoleChange[]> {
    const rows = await this.tables.queryPartition("Participants", encodeKeyPart(tenantId), AUDIT_PREFIX, limit);
    return rows.map((e) => ({
      targetId: text(e.targetId),
      targetName: text(e.targetName),
      role: text(e.role) as Role,
      change: text(e.change) as RoleChange["change"],
      byId: text(e.byId),
      byName: text(e.byName),
      at: text(e.at),
    }));
  }
}

function toHolder(tenantId: string, e: StoredEntity): RoleHolder {
  return { tenantId, userId: decodeKeyPart(e.rowKey ?? ""), displayName: text(e.displayName), roles: rolesIn(e), etag: e.etag };
}

/** The roles a person's row holds; none when it has no roles column. */
export function rolesIn(e: StoredEntity): Role[] {
  let stored: unknown;
  try {
    stored = JSON.parse(text(e.roles) || "[]");
  } catch {
    stored = [];
  }
  return GRANTABLE_ROLES.filter((r) => Array.isArray(stored) && stored.includes(r));
}

function auditRowKey(change: RoleChange): string {
  const inverted = newestFirst(change.at);
  return `${AUDIT_PREFIX}${inverted}|${randomUUID().slice(0, 8)}`;
}
