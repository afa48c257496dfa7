/**
 * What the campaigns' copies carry of the council's actions and standards (council-related.ts,
 * campaign-copies.ts), against the real Azurite: the same as the record after every kind of
 * change, in every unit of every campaign, mended after storage failed in between, never left
 * older than the record by a late writer, and made at start-up for copies written without it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ImprovementAction } from "../../src/domain/actions.js";
import { emptyAssessment } from "../../src/domain/assessment.js";
import { defaultCampaign, type Campaign } from "../../src/domain/campaign.js";
import { lastCycleElement } from "../../src/domain/last-cycle.js";
import { ELEMENTS } from "../../src/standard/index.js";
import { mendCopies, writeCopies } from "../../src/store/campaign-copies.js";
import { copiedRelated, readCouncilRelated, relatedColumns } from "../../src/store/council-related.js";
import { openStores, type Stores } from "../../src/store/index.js";
import { compositeKey } from "../../src/store/keys.js";
import { connectionString, uniquePrefix } from "../support/storage.js";
import { LETTERS, OLU } from "../support/service-standards.js";

const AT = "2026-11-30T10:00:00.000Z";
const TENANT = "tenant/related#?";
const UNITS = [
  { id: "adults", name: "Adult services" },
  { id: "housing", name: "Housing" },
];
const by = OLU;
const campaign = (id: string): Campaign => ({ ...defaultCampaign(TENANT, id, "user-cora", new Date(AT)), units: UNITS });
const change = { campaignId: "", field: "status" as const, from: "open", to: "signed-off", byId: "user-cora", byName: "Cora", at: AT };
const action =
  (title: string, refs: string[]) =>
  (id: string): ImprovementAction => ({
    tenantId: TENANT,
    id,
    title,
    description: "",
    refs,
    owner: by,
    dueOn: "2027-01-29",
    priority: "medium",
    status: "open",
    createdBy: by,
    createdAt: AT,
    updatedAt: AT,
  });

async function council(): Promise<{ stores: Stores; ids: string[] }> {
  const stores = await openStores(connectionString(), uniquePrefix());
  const ids = [];
  for (const id of ["cse-2025", "cse-2026"]) ids.push((await stores.campaigns.createOrGet(campaign(id))).id);
  return { stores, ids };
}

/** Every unit's copy of every campaign, next to what the record says now. */
async function copiesAndRecord(stores: Stores, ids: readonly string[]) {
  const reads = await Promise.all(ids.flatMap((id) => UNITS.map((u) => stores.assessments.readUnit(TENANT, id, u.id))));
  return { copies: reads.map((r) => r.related), record: await readCouncilRelated(stores.tables, TENANT) };
}

async function expectCopiesAsRecord(stores: Stores, ids: readonly string[]) {
  const { copies, record } = await copiesAndRecord(stores, ids);
  expect(copies).toHaveLength(ids.length * UNITS.length);
  for (const copy of copies) expect(copy).toEqual(record);
  return record;
}

/** Storage refuses writes to Assessments (where the copies are) until the returned function is called. */
function copiesFail(stores: Stores): () => void {
  const transact = stores.tables.transact.bind(stores.tables);
  stores.tables.transact = (table, actions) =>
    table === "Assessments" ? Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:10002")) : transact(table, actions);
  return () => {
    stores.tables.transact = transact;
  };
}

describe("the council's actions and standards in every campaign's copies", () => {
  it("follow each action created and changed, in every unit of every campaign, with no marker left", async () => {
    const { stores, ids } = await council();
    expect((await expectCopiesAsRecord(stores, ids)).links).toEqual([]);
    const created = await stores.actions.create(TENANT, action("Publish the complaints standard", ["1.1.1", "4.1.2"]), undefined, {
      by,
      at: AT,
    });
    const record = await expectCopiesAsRecord(stores, ids);
    expect(record.links.map((l) => `${l.ref} ${l.title}`)).toEqual([
      "1.1.1 Publish the complaints standard",
      "4.1.2 Publish the complaints standard",
    ]);

    const { etag: _etag, ...fields } = created;
    await stores.actions.update(created, { ...fields, status: "done", refs: ["4.1.2"] }, undefined, []);
    expect((await expectCopiesAsRecord(stores, ids)).links).toEqual([expect.objectContaining({ ref: "4.1.2", status: "done" })]);
    expect(await mendCopies(stores.tables)).toBe(0);
  });

  it("follow each standard and figure, keeping the newest 12 figures, and an import of many marks and writes the copies once", async () => {
    const { stores, ids } = await council();
    await stores.standards.create(TENANT, LETTERS, { by, at: AT });
    expect((await expectCopiesAsRecord(stores, ids)).standards).toEqual([LETTERS]);

    const held = await stores.campaigns.holdCopies(TENANT);
    const periods = ["2025/26-Q1", "2025/26-Q2", "2025/26-Q3", "2025/26-Q4", "2026/27-Q1", "2026/27-Q2"];
    const years = ["2022/23", "2023/24", "2024/25"].flatMap((y) => ["Q1", "Q2", "Q3", "Q4"].map((q) => `${y}-${q}`));
    for (const periodId of [...years, ...periods])
      await stores.standards.putFigure(TENANT, { standardId: "letters", periodId, value: 90 }, undefined, by, AT, held);
    // Held: nothing reached the copies yet, and every campaign is marked.
    expect((await copiesAndRecord(stores, ids)).copies.map((c) => c?.figures.length)).toEqual([0, 0, 0, 0]);
    await held.finish();
    const record = await expectCopiesAsRecord(stores, ids);
    expect(record.figures.map((f) => f.periodId)).toEqual([...years.slice(-6), ...periods]);
    expect(await mendCopies(stores.tables)).toBe(0);
  });

  it("list only what cards show of each element's actions, however many it has had", async () => {
    const { stores, ids } = await council();
    const title = (i: number) => `Action ${i}: publish what customers told us and what changed`;
    const builds = Array.from({ length: 120 }, (_, i) => action(title(i), ["1.1.1", "4.1.2", "5.3.1"]));
    await stores.actionImports.importMany(TENANT, builds, () => undefined, { by, at: AT });
    const record = await expectCopiesAsRecord(stores, ids);
    // Each element's card lists 3 and says how many more: the copies carry no more than that.
    expect(record.links.map((l) => `${l.ref} ${l.id}`)).toEqual(
      ["1.1.1", "4.1.2", "5.3.1"].flatMap((ref) => [1, 2, 3].map((id) => `${ref} ${id}`)),
    );
    expect(record.linkCounts).toEqual({ "1.1.1": 120, "4.1.2": 120, "5.3.1": 120 });
  });

  it("reach every unit of a 30-unit campaign when they are too large for one transaction", async () => {
    const stores = await openStores(connectionString(), uniquePrefix());
    const units = Array.from({ length: 30 }, (_, i) => ({ id: `unit-${i}`, name: `Unit ${i}` }));
    const created = await stores.campaigns.createOrGet({ ...campaign("cse-2026"), units });
    const transactions: number[] = [];
    const transact = stores.tables.transact.bind(stores.tables);
    stores.tables.transact = (table, actions) => {
      if (table === "Assessments") transactions.push(actions.length);
      return transact(table, actions);
    };
    // 40 standards with 12 figures each: about 40,000 characters a copy, 1.2 million for 30 units.
    const held = await stores.campaigns.holdCopies(TENANT);
    const years = ["2023/24", "2024/25", "2025/26"].flatMap((y) => ["Q1", "Q2", "Q3", "Q4"].map((q) => `${y}-${q}`));
    for (let i = 0; i < 40; i++) {
      const standard = { ...LETTERS, id: `standard-${i}`, promise: `${LETTERS.promise}, and tell you why when we cannot (${i})` };
      await stores.standards.create(TENANT, standard, { by, at: AT }, held);
      for (const periodId of years)
        await stores.standards.putFigure(TENANT, { standardId: standard.id, periodId, value: 90 + (i % 7) }, undefined, by, AT, held);
    }
    transactions.length = 0;
    await held.finish();
    stores.tables.transact = transact;
    expect(transactions.length).toBeGreaterThan(1);
    expect(transactions.reduce((a, b) => a + b)).toBe(30);
    const record = await readCouncilRelated(stores.tables, TENANT);
    expect(record.figures).toHaveLength(480);
    for (const unit of units) expect((await stores.assessments.readUnit(TENANT, created.id, unit.id)).related).toEqual(record);
  });

  it("are not carried by an archived campaign's copies, which a change leaves alone", async () => {
    const { stores, ids } = await council();
    const [old, current] = ids as [string, string];
    const before = (await stores.campaigns.get(TENANT, old))!;
    await stores.campaigns.update({ ...before, status: "archived" }, { ...change, campaignId: old, to: "archived" });
    expect((await stores.assessments.readUnit(TENANT, old, "housing")).related).toBeUndefined();
    const writes: string[] = [];
    const transact = stores.tables.transact.bind(stores.tables);
    stores.tables.transact = (table, actions) => {
      if (table === "Assessments") writes.push(String(actions[0]?.[1].partitionKey));
      return transact(table, actions);
    };
    await stores.actions.create(TENANT, action("Only for live campaigns", ["1.1.1"]), undefined, { by, at: AT });
    stores.tables.transact = transact;
    expect(writes).toEqual([compositeKey(TENANT, current)]);
    expect((await stores.assessments.readUnit(TENANT, old, "housing")).related).toBeUndefined();
    expect((await expectCopiesAsRecord(stores, [current])).links.map((l) => l.title)).toEqual(["Only for live campaigns"]);
    expect(await mendCopies(stores.tables)).toBe(0);
  });

  it("keep a change whose copies storage failed to take, and the next look mends every campaign", async () => {
    const { stores, ids } = await council();
    const restore = copiesFail(stores);
    const created = await stores.actions.create(TENANT, action("Train front-line staff", ["2.1.1"]), undefined, { by, at: AT });
    restore();
    expect(await stores.actions.get(TENANT, created.id)).toMatchObject({ title: "Train front-line staff" });
    expect((await copiesAndRecord(stores, ids)).copies.map((c) => c?.links.length)).toEqual([0, 0, 0, 0]);

    expect(await mendCopies(stores.tables)).toBe(ids.length);
    expect((await expectCopiesAsRecord(stores, ids)).links).toHaveLength(1);
    expect(await mendCopies(stores.tables)).toBe(0);
  });

  it("never end older than the record: a change stored while the copies are written is written after", async () => {
    const { stores, ids } = await council();
    const [id] = ids;
    const stored = (await stores.campaigns.get(TENANT, id!))!;
    // Someone records an action just as this writer's copies go out, after it read what they carry.
    const transact = stores.tables.transact.bind(stores.tables);
    let raced = false;
    stores.tables.transact = async (table, actions) => {
      if (table === "Assessments" && !raced) {
        raced = true;
        stores.tables.transact = transact;
        await stores.actions.create(TENANT, action("Raced in", ["3.1.1"]), undefined, { by, at: AT });
      }
      return transact(table, actions);
    };
    await writeCopies(stores.tables, stored);
    expect(raced).toBe(true);
    expect((await expectCopiesAsRecord(stores, ids)).links.map((l) => l.title)).toEqual(["Raced in"]);
  });

  it("reach a campaign made while a change was being stored, which copied what was there before it", async () => {
    const stores = await openStores(connectionString(), uniquePrefix());
    const first = await stores.campaigns.createOrGet(campaign("cse-2025"));
    const held = await stores.campaigns.holdCopies(TENANT);
    // Made between the marking and the change: its copies are written before the change lands.
    const made = await stores.campaigns.createOrGet(campaign("cse-2026"));
    expect((await stores.assessments.readUnit(TENANT, made.id, "housing")).related?.standards).toEqual([]);
    await stores.standards.create(TENANT, LETTERS, { by, at: AT }, held);
    await held.finish();
    expect((await expectCopiesAsRecord(stores, [first.id, made.id])).standards).toEqual([LETTERS]);
    expect(await mendCopies(stores.tables)).toBe(0);
  });

  it("are written at start-up into copies an earlier version wrote without them", async () => {
    const prefix = uniquePrefix();
    const first = await openStores(connectionString(), prefix);
    const created = await first.campaigns.createOrGet(campaign("cse-2026"));
    await first.actions.create(TENANT, action("Older action", ["1.2.1"]), undefined, { by, at: AT });
    // As the previous version left them: copies without these columns, and its steps done.
    for (const unit of UNITS) {
      const row = (await first.tables.get("Assessments", compositeKey(TENANT, created.id), `${compositeKey(unit.id)}|!campaign`))!;
      const { etag: _etag, timestamp: _timestamp, relatedParts: _parts, related0: _part, ...older } = row;
      await first.tables.upsert("Assessments", { ...older, partitionKey: row.partitionKey!, rowKey: row.rowKey! }, "Replace");
    }
    await first.tables.delete("Tenants", "!migrations", "copies-carry-what-cards-show");
    expect((await first.assessments.readUnit(TENANT, created.id, "housing")).related).toBeUndefined();

    const second = await openStores(connectionString(), prefix);
    expect((await expectCopiesAsRecord(second, [created.id])).links.map((l) => l.title)).toEqual(["Older action"]);
  });
});

describe("last cycle's assessments in the copies of the campaign that follows", () => {
  const previous = (status: Campaign["status"]): Campaign => ({ ...campaign("cse-2025"), status });
  const assessed = (unitId: string, ref: string, narrative: string) => ({
    ...emptyAssessment("cse-2025", unitId, ref),
    rating: "partial" as const,
    narrative,
  });

  it("are carried once the campaign before is finished, a unit without any saying so, every narrative cut as cards show it", async () => {
    const stores = await openStores(connectionString(), uniquePrefix());
    const before = await stores.campaigns.createOrGet(previous("open"));
    const long = `"Quoted" ${"and a long narrative ".repeat(300)}`;
    const all = ELEMENTS.map((e) => assessed("housing", e.ref, long));
    for (let i = 0; i < all.length; i += 20)
      await stores.assessments.saveAll(
        TENANT,
        all.slice(i, i + 20).map((next) => ({ next, audit: [] })),
      );
    const next = await stores.campaigns.createOrGet({ ...campaign("cse-2026"), previousCampaignId: before.id });
    // Still open, so still changing: not carried, and cards read it from its rows.
    expect((await stores.assessments.readUnit(TENANT, next.id, "housing")).lastCycle).toBeUndefined();

    await stores.campaigns.update({ ...before, status: "signed-off" }, { ...change, campaignId: before.id });
    const requests = stores.tables.requestCount;
    const housing = await stores.assessments.readUnit(TENANT, next.id, "housing");
    expect(stores.tables.requestCount - requests).toBe(1);
    expect(housing.lastCycle?.campaignName).toBe(before.name);
    expect(Object.keys(housing.lastCycle?.elements ?? {})).toHaveLength(57);
    expect(housing.lastCycle?.elements["4.1.2"]).toEqual(lastCycleElement(all.find((a) => a.ref === "4.1.2")!));
    expect(housing.lastCycle?.elements["4.1.2"]?.narrative).toHaveLength(201);
    expect((await stores.assessments.readUnit(TENANT, next.id, "adults")).lastCycle).toBeNull();
    expect((await stores.assessments.readUnit(TENANT, before.id, "housing")).lastCycle).toBeNull();
    expect(await mendCopies(stores.tables)).toBe(0);

    // A change to an action rewrites what it changes and keeps last cycle, without reading it again.
    const ranges: string[] = [];
    const queryRange = stores.tables.queryRange.bind(stores.tables);
    stores.tables.queryRange = (table, partitionKey, from, to, limit) => {
      ranges.push(`${table} ${partitionKey}`);
      return queryRange(table, partitionKey, from, to, limit);
    };
    await stores.actions.create(TENANT, action("After sign-off", ["4.1.2"]), undefined, { by, at: AT });
    stores.tables.queryRange = queryRange;
    expect(ranges).not.toContain(`Assessments ${compositeKey(TENANT, before.id)}`);
    const after = await stores.assessments.readUnit(TENANT, next.id, "housing");
    expect(after.lastCycle).toEqual(housing.lastCycle);
    expect(after.related?.links.map((l) => l.title)).toEqual(["After sign-off"]);
  });
});

describe("the columns that carry them", () => {
  it("read back as written, whatever the text, cut at any length; too much is not carried at all", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.nat({ max: 70_000 }), (title, padding) => {
        const related = {
          links: [{ ref: "1.1.1", id: "1", title: title + "é".repeat(padding), status: "open" as const, dueOn: "2027-01-29", owner: by }],
          standards: [],
          figures: [],
        };
        const columns = relatedColumns(JSON.stringify(related));
        for (const value of Object.values(columns)) expect(value.length).toBeLessThanOrEqual(30_000);
        expect(copiedRelated(columns as never)).toEqual(related);
      }),
      { numRuns: 60 },
    );
    expect(relatedColumns("x".repeat(24 * 30_000 + 1))).toEqual({ relatedFormat: "" });
    expect(copiedRelated({ relatedParts: "2", related0: "{", relatedFormat: "2" } as never)).toBeUndefined();
    // Written by an earlier layout (no format, or another one): not taken as carried.
    const written = relatedColumns(JSON.stringify({ links: [], linkCounts: {}, standards: [], figures: [] }));
    expect(copiedRelated(written as never)).toEqual({ links: [], linkCounts: {}, standards: [], figures: [] });
    const { relatedFormat: _format, ...unformatted } = written;
    expect(copiedRelated(unformatted as never)).toBeUndefined();
    expect(copiedRelated({ ...written, relatedFormat: "1" } as never)).toBeUndefined();
  });
});
