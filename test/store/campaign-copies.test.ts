/**
 * The campaign's copies beside each unit's assessments (src/store/campaign-copies.ts), against the
 * real Azurite: read with the unit in one query, rewritten after every change, mended at start-up
 * after a crash between the change and its copies, and never left holding an older change.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyAssessment } from "../../src/domain/assessment.js";
import { defaultCampaign, type Campaign } from "../../src/domain/campaign.js";
import { mendCopies, writeCopies } from "../../src/store/campaign-copies.js";
import { campaignEntity } from "../../src/store/campaign-rows.js";
import { openStores, Tables, type Stores } from "../../src/store/index.js";
import { compositeKey, encodeKeyPart } from "../../src/store/keys.js";
import { connectionString, uniquePrefix } from "../support/storage.js";

const AT = "2026-03-14T09:30:00.000Z";
const TENANT = "tenant/odd#?";
const UNITS = [
  { id: "adults", name: "Adult services" },
  { id: "housing", name: "Housing" },
];
const campaign = (id = "cse-2026", overrides: Partial<Campaign> = {}): Campaign => ({
  ...defaultCampaign(TENANT, id, "user-cora", new Date(AT)),
  units: UNITS,
  ...overrides,
});
const change = (campaignId: string, to: string) => ({
  campaignId,
  field: "status" as const,
  from: "open",
  to,
  byId: "user-cora",
  byName: "Cora",
  at: AT,
});

async function fresh(): Promise<{ stores: Stores; prefix: string }> {
  const prefix = uniquePrefix();
  return { stores: await openStores(connectionString(), prefix), prefix };
}

/** What each unit's copy says, next to what Campaigns says. */
async function copiesAndRecord(stores: Stores, id: string): Promise<{ copies: (Campaign | undefined)[]; record: Campaign | undefined }> {
  const reads = await Promise.all(UNITS.map((u) => stores.assessments.readUnit(TENANT, id, u.id)));
  return { copies: reads.map((r) => r.campaign), record: await stores.campaigns.get(TENANT, id) };
}

describe("the campaign beside each unit's assessments", () => {
  it("comes with the unit's elements in one request, the same as Campaigns says, ETag included, and is never taken for an element", async () => {
    const { stores } = await fresh();
    const created = await stores.campaigns.createOrGet(campaign());
    await stores.assessments.save(TENANT, { ...emptyAssessment(created.id, "housing", "1.1.1"), rating: "compliance" });
    const before = stores.tables.requestCount;
    const unit = await stores.assessments.readUnit(TENANT, created.id, "housing");
    expect(stores.tables.requestCount - before).toBe(1);
    expect(unit.campaign).toEqual(await stores.campaigns.get(TENANT, created.id));
    expect(unit.campaign?.etag).toBe(created.etag);
    expect([...unit.assessments.keys()]).toEqual(["1.1.1"]);
    expect((await stores.assessments.listForCampaign(TENANT, created.id)).map((a) => `${a.unitId} ${a.ref}`)).toEqual(["housing 1.1.1"]);
    expect(await stores.campaigns.list(TENANT)).toHaveLength(1);
  });

  it("is rewritten in every unit by a change, and the change's marker is gone afterwards", async () => {
    const { stores } = await fresh();
    const created = await stores.campaigns.createOrGet(campaign());
    const moved = await stores.campaigns.update({ ...created, status: "in-review" }, change(created.id, "in-review"));
    const leads = await stores.campaigns.update(
      { ...moved, leads: [{ userId: "user-lee", name: "Lee" }] },
      change(created.id, "in-review"),
    );
    const { copies, record } = await copiesAndRecord(stores, created.id);
    expect(record).toMatchObject({ status: "in-review", leads: [{ userId: "user-lee", name: "Lee" }], etag: leads.etag });
    for (const copy of copies) expect(copy).toEqual(record);
    expect(await stores.tables.scan("Campaigns", "RowKey ge '!sync|' and RowKey lt '!sync}'")).toEqual([]);
  });

  it("is mended at the next start when the instance stopped between the change and its copies", async () => {
    const { stores, prefix } = await fresh();
    const created = await stores.campaigns.createOrGet(campaign());
    // What update() stores first, in one transaction, before it writes the copies: then the crash.
    const signed = { ...created, status: "signed-off" as const };
    await stores.tables.transact("Campaigns", [
      ["update", campaignEntity(signed), "Replace", { etag: created.etag }],
      ["upsert", { partitionKey: encodeKeyPart(TENANT), rowKey: `!sync|${encodeKeyPart(created.id)}` }, "Replace"],
    ]);
    expect((await copiesAndRecord(stores, created.id)).copies.map((c) => c?.status)).toEqual(["open", "open"]);

    const restarted = await openStores(connectionString(), prefix);
    const { copies, record } = await copiesAndRecord(restarted, created.id);
    expect(record?.status).toBe("signed-off");
    for (const copy of copies) expect(copy).toEqual(record);
    expect(await restarted.tables.scan("Campaigns", "RowKey ge '!sync|' and RowKey lt '!sync}'")).toEqual([]);
  });

  it("keeps a change whose copies storage failed to take, and the next look mends them", async () => {
    const { stores } = await fresh();
    const created = await stores.campaigns.createOrGet(campaign());
    // Storage stops taking writes to Assessments just after the change is stored in Campaigns.
    const transact = stores.tables.transact.bind(stores.tables);
    stores.tables.transact = (table, actions) =>
      table === "Assessments" ? Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:10002")) : transact(table, actions);
    const signed = await stores.campaigns.update({ ...created, status: "signed-off" }, change(created.id, "signed-off"));
    stores.tables.transact = transact;
    expect(signed.status).toBe("signed-off");
    expect((await copiesAndRecord(stores, created.id)).copies.map((c) => c?.status)).toEqual(["open", "open"]);

    expect(await mendCopies(stores.tables)).toBe(1);
    const { copies, record } = await copiesAndRecord(stores, created.id);
    expect(record?.status).toBe("signed-off");
    for (const copy of copies) expect(copy).toEqual(record);
    expect(await mendCopies(stores.tables)).toBe(0);
  });

  it("carries the assessor report imported into the campaign, mended after a failure between the import and the copies", async () => {
    const { stores } = await fresh();
    const created = await stores.campaigns.createOrGet(campaign());
    expect((await stores.assessments.readUnit(TENANT, created.id, "housing")).report).toBeNull();
    const report = {
      fingerprint: "f1",
      ratings: { "4.1.2": "partial" as const, "1.1.1": "compliance" as const },
      reportType: "Review 3",
      organisation: "Oadby and Wigston Borough Council",
      assessmentDate: "2023-12-13",
      importedBy: "user-cora",
      importedByName: "Cora",
      importedAt: AT,
    };
    const transact = stores.tables.transact.bind(stores.tables);
    stores.tables.transact = (table, actions) =>
      table === "Assessments" ? Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:10002")) : transact(table, actions);
    await stores.actionImports.createWithReport(TENANT, created.id, report, [], () => undefined, {
      by: { userId: "user-cora", name: "Cora" },
      at: AT,
    });
    stores.tables.transact = transact;
    expect((await stores.assessments.readUnit(TENANT, created.id, "housing")).report).toBeNull();

    expect(await mendCopies(stores.tables)).toBe(1);
    for (const unit of UNITS) expect((await stores.assessments.readUnit(TENANT, created.id, unit.id)).report).toEqual(report);
    expect(await stores.actionImports.getReport(TENANT, created.id)).toEqual(report);
  });

  it("never ends holding an older change: a late writer of an old version finds the newer one and writes that", async () => {
    const { stores } = await fresh();
    const created = await stores.campaigns.createOrGet(campaign());
    const newer = await stores.campaigns.update({ ...created, status: "in-review" }, change(created.id, "in-review"));
    // An instance that made the first change is slow and writes its copies only now.
    const written = await writeCopies(stores.tables, created);
    expect(written).toEqual(newer);
    for (const copy of (await copiesAndRecord(stores, created.id)).copies) expect(copy).toEqual(newer);
  });

  it("agrees with Campaigns after any sequence of changes and late writers of older versions (property)", async () => {
    const { stores } = await fresh();
    let round = 0;
    const step = fc.oneof(fc.constant({ kind: "change" as const }), fc.record({ kind: fc.constant("late" as const), age: fc.nat() }));
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const versions: Campaign[] = [await stores.campaigns.createOrGet(campaign(`c-${round++}`))];
        for (const [i, s] of steps.entries()) {
          const latest = versions.at(-1)!;
          if (s.kind === "change")
            versions.push(
              await stores.campaigns.update({ ...latest, leads: [{ userId: `lead-${i}`, name: `Lead ${i}` }] }, change(latest.id, "open")),
            );
          // An instance that made an earlier change writes its copies only now.
          else await writeCopies(stores.tables, versions[s.age % versions.length]!);
        }
        const { copies, record } = await copiesAndRecord(stores, versions[0]!.id);
        expect(record).toEqual(versions.at(-1));
        for (const copy of copies) expect(copy).toEqual(record);
      }),
      { numRuns: 15 },
    );
  });

  it("agrees with Campaigns after changes raced from two instances", async () => {
    const { stores, prefix } = await fresh();
    const other = await openStores(connectionString(), prefix);
    const created = await stores.campaigns.createOrGet(campaign());
    for (let round = 0; round < 6; round++) {
      const [mine, theirs] = await Promise.all([stores.campaigns.get(TENANT, created.id), other.campaigns.get(TENANT, created.id)]);
      const settled = await Promise.allSettled([
        stores.campaigns.update({ ...mine!, leads: [{ userId: `a${round}`, name: "A" }] }, change(created.id, "open")),
        other.campaigns.update({ ...theirs!, leads: [{ userId: `b${round}`, name: "B" }] }, change(created.id, "open")),
      ]);
      // One wins each round; the other is refused on its ETag, as every campaign change is.
      expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    }
    const { copies, record } = await copiesAndRecord(stores, created.id);
    for (const copy of copies) expect(copy).toEqual(record);
  });

  it("is made at start-up for campaigns an earlier version stored without copies, and a unit without one still reads", async () => {
    const prefix = uniquePrefix();
    const tables = new Tables(connectionString(), prefix);
    await tables.ensureTables();
    const old = campaign("cse-2024");
    await tables.create("Campaigns", campaignEntity(old));
    const pk = compositeKey(TENANT, old.id);
    expect(await tables.queryPartition("Assessments", pk)).toEqual([]);

    const stores = await openStores(connectionString(), prefix);
    const { copies, record } = await copiesAndRecord(stores, old.id);
    expect(record?.name).toBe(old.name);
    for (const copy of copies) expect(copy).toEqual(record);

    // A unit added to no copy reads as before: the elements, and no campaign (callers read Campaigns).
    const stranger = await stores.assessments.readUnit(TENANT, old.id, "no-such-unit");
    expect(stranger).toEqual({ assessments: new Map() });
  });
});
