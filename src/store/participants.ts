/**
 * A person's row: their place in the walk-through, so they resume where they stopped (after a
 * restart too, and on any instance), how to reach them, and their roles (written by RoleStore).
 * PartitionKey: tenant; RowKey: user. Every write merges only its own columns.
 */
import type { TransactionAction } from "@azure/data-tables";
import type { Role } from "../domain/roles.js";
import { decodeKeyPart, encodeKeyPart } from "./keys.js";
import { rolesIn } from "./roles.js";
import { optionalText, text, type StoredEntity, type Tables } from "./tables.js";

export interface Participant {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly campaignId?: string;
  /** The unit of that campaign they are assessing (campaigns with several units). */
  readonly unitId?: string;
  readonly currentRef?: string;
  /** Where to reach them one-to-one (a serialised Bot Framework conversation reference). */
  readonly conversation?: string;
  readonly lastSeenAt: string;
  /** Why the last reminder could not reach them (app removed, chat gone), until they next write. */
  readonly unreachable?: string;
  /** They chose to work in a signed-off campaign (to look back): they stay there when a new cycle starts. */
  readonly keepsRecord?: boolean;
  /** The campaign they were moved on from when their council started a new cycle, until they are told. */
  readonly movedFrom?: string;
  /** The roles they hold (store/roles.ts writes them): read with the rest, so a turn reads the person once. */
  readonly roles?: readonly Role[];
}

export class ParticipantStore {
  constructor(private readonly tables: Tables) {}

  async get(tenantId: string, userId: string): Promise<Participant | undefined> {
    const e = await this.tables.get("Participants", encodeKeyPart(tenantId), encodeKeyPart(userId));
    return e && toParticipant(tenantId, e);
  }

  /** Everyone in the tenant the bot knows: one query, for sending many reminders at once. */
  async list(tenantId: string): Promise<Participant[]> {
    const rows = await this.tables.queryPartition("Participants", encodeKeyPart(tenantId));
    // Rows starting "!" are the partition's own (role audit, setup marker); no person's key does.
    return rows.filter((e) => !(e.rowKey ?? "").startsWith("!")).map((e) => toParticipant(tenantId, e));
  }

  /** Records that a reminder could not reach them; shown to coordinators. */
  async markUnreachable(tenantId: string, userId: string, displayName: string, reason: string, at: string): Promise<void> {
    await this.tables.upsert(
      "Participants",
      {
        partitionKey: encodeKeyPart(tenantId),
        rowKey: encodeKeyPart(userId),
        displayName,
        unreachable: `${at.slice(0, 10)} ${reason}`.slice(0, 300),
      },
      "Merge",
    );
  }

  /** Writes the person's place; a conversation reference is kept when none is given. */
  async put(p: Participant): Promise<void> {
    await this.tables.upsert(
      "Participants",
      {
        partitionKey: encodeKeyPart(p.tenantId),
        rowKey: encodeKeyPart(p.userId),
        displayName: p.displayName,
        campaignId: p.campaignId ?? "",
        unitId: p.unitId ?? "",
        currentRef: p.currentRef ?? "",
        ...(p.conversation ? { conversation: p.conversation, unreachable: "" } : {}),
        // Left as they are unless given (the row is merged).
        ...(p.keepsRecord !== undefined ? { keepsRecord: p.keepsRecord } : {}),
        ...(p.movedFrom !== undefined ? { movedFrom: p.movedFrom } : {}),
        lastSeenAt: p.lastSeenAt,
      },
      "Merge",
    );
  }

  /**
   * People of a team the app was added to, by name, so coordinators can pick them when assigning
   * work: merged into their rows (nothing else is touched), 100 to a transaction.
   */
  async rememberNames(tenantId: string, people: readonly { userId: string; displayName: string }[]): Promise<void> {
    const pk = encodeKeyPart(tenantId);
    for (let i = 0; i < people.length; i += 100)
      await this.tables.transact(
        "Participants",
        people
          .slice(i, i + 100)
          .map((p): TransactionAction => [
            "upsert",
            { partitionKey: pk, rowKey: encodeKeyPart(p.userId), displayName: p.displayName },
            "Merge",
          ]),
      );
  }

  /** Records where to reach someone one-to-one, leaving the rest of their row as it is. */
  async putConversation(tenantId: string, userId: string, displayName: string, conversation: string, at: string): Promise<void> {
    await this.tables.upsert(
      "Participants",
      { partitionKey: encodeKeyPart(tenantId), rowKey: encodeKeyPart(userId), displayName, conversation, lastSeenAt: at, unreachable: "" },
      "Merge",
    );
  }
}

function toParticipant(tenantId: string, e: StoredEntity): Participant {
  return {
    tenantId,
    userId: decodeKeyPart(e.rowKey ?? ""),
    displayName: text(e.displayName),
    campaignId: optionalText(e.campaignId),
    unitId: optionalText(e.unitId),
    currentRef: optionalText(e.currentRef),
    conversation: optionalText(e.conversation),
    lastSeenAt: text(e.lastSeenAt),
    unreachable: optionalText(e.unreachable),
    ...(e.keepsRecord === true ? { keepsRecord: true } : {}),
    movedFrom: optionalText(e.movedFrom),
    roles: rolesIn(e),
  };
}
