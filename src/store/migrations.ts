/**
 * Moves data written by earlier versions to where this version reads it, once per storage
 * account, at start-up. Idempotent and safe when several instances start at once: each step
 * merges or upserts the same rows, and a marker row says it is done.
 */
import type { TransactionAction } from "@azure/data-tables";
import { writeCopies } from "./campaign-copies.js";
import { toCampaign } from "./campaign-rows.js";
import { decodeKeyPart } from "./keys.js";
import { recentColumn, recentFigures } from "./recent-figures.js";
import { FIGURE, STANDARD, toFigure } from "./standard-rows.js";
import { ConcurrencyError, prefixEnd, text, type StoredEntity, type Tables } from "./tables.js";

const MARKERS = "!migrations";

/**
 * Roles used to live in the Tenants table ("role|<user>", their audit "!audit|role|…", and the
 * setup marker "coordinator-bootstrap"); they now live in the person's row of Participants, so
 * one read gives a turn the person's place and roles.
 */
async function rolesIntoParticipants(tables: Tables): Promise<void> {
  const between = (from: string, to: string) => `RowKey ge '${from}' and RowKey lt '${to}'`;
  const [roles, audit, setups] = await Promise.all([
    tables.scan("Tenants", between("role|", "role}")),
    tables.scan("Tenants", between("!audit|role|", "!audit|role}")),
    tables.scan("Tenants", "RowKey eq 'coordinator-bootstrap'"),
  ]);
  const writes: [string, TransactionAction][] = [
    ...roles.map((e): [string, TransactionAction] => [
      e.partitionKey!,
      [
        "upsert",
        { partitionKey: e.partitionKey!, rowKey: e.rowKey!.slice("role|".length), displayName: e.displayName, roles: e.roles },
        "Merge",
      ],
    ]),
    ...audit.map((e): [string, TransactionAction] => [e.partitionKey!, ["upsert", copy(e, e.rowKey!), "Replace"]]),
    ...setups.map((e): [string, TransactionAction] => [e.partitionKey!, ["upsert", copy(e, "!coordinator-bootstrap"), "Replace"]]),
  ];
  const byTenant = Map.groupBy(writes, ([pk]) => pk);
  for (const batch of byTenant.values())
    for (let i = 0; i < batch.length; i += 100)
      await tables.transact(
        "Participants",
        batch.slice(i, i + 100).map(([, action]) => action),
      );
}

function copy(e: StoredEntity, rowKey: string) {
  const { etag: _etag, timestamp: _timestamp, ...columns } = e;
  return { ...columns, partitionKey: e.partitionKey!, rowKey };
}

/**
 * Each campaign is copied beside its units' assessments (campaign-copies.ts); campaigns made by
 * earlier versions get their copies here. Rows of their own ("!audit|…", "!sync|…") sort before
 * "-", where encoded campaign ids begin at the earliest.
 */
async function copiesOfCampaigns(tables: Tables): Promise<void> {
  for (const e of await tables.scan("Campaigns", "RowKey ge '-'"))
    await writeCopies(tables, toCampaign(decodeKeyPart(e.partitionKey!), decodeKeyPart(e.rowKey!), e, e.etag));
}

/**
 * A standard's row keeps its newest figures (recent-figures.ts); standards recorded by earlier
 * versions get them here, each on the row's ETag (a figure recorded meanwhile wrote them already).
 */
async function recentFiguresIntoStandards(tables: Tables): Promise<void> {
  const rows = await tables.scan("Standards", `RowKey ge '${FIGURE}' and RowKey lt '${prefixEnd(STANDARD)}'`);
  const figures = Map.groupBy(
    rows.filter((e) => e.rowKey!.startsWith(FIGURE)),
    (e) => `${e.partitionKey}|${text(e.standardId)}`,
  );
  for (const row of rows.filter((e) => e.rowKey!.startsWith(STANDARD) && recentFigures(e) === undefined)) {
    const own = (figures.get(`${row.partitionKey}|${text(row.standardId)}`) ?? []).map(toFigure);
    await tables
      .transact("Standards", [
        ["update", { partitionKey: row.partitionKey!, rowKey: row.rowKey!, recent: recentColumn(own) }, "Merge", { etag: row.etag }],
      ])
      .catch((error: unknown) => {
        if (!(error instanceof ConcurrencyError)) throw error;
      });
  }
}

const STEPS: readonly [name: string, run: (tables: Tables) => Promise<void>][] = [
  ["roles-into-participants", rolesIntoParticipants],
  // "copies-of-campaigns" made the copies of campaigns stored before there were any; the step
  // below writes every copy whole, so an account that never ran it skips it rather than copy twice.
  ["recent-figures-into-standards", recentFiguresIntoStandards],
  // The copies now carry the council's actions and standards (council-related.ts) and last cycle's
  // assessments (copy-last-cycle.ts) too: written again, after the step above, so they carry each
  // standard's newest figures and not all of them.
  ["copies-carry-what-cards-show", copiesOfCampaigns],
];

export async function migrate(tables: Tables): Promise<void> {
  // Every start reads which steps are done: one query for all of them.
  const done = new Set((await tables.queryPartition("Tenants", MARKERS)).map((e) => e.rowKey));
  for (const [name, run] of STEPS) {
    if (done.has(name)) continue;
    await run(tables);
    await tables.upsert("Tenants", { partitionKey: MARKERS, rowKey: name, at: new Date().toISOString() }, "Replace");
  }
}
