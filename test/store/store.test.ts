/** The stores against the real Azurite started by the global setup; every test gets its own tables. */
import { describe, expect, it } from "vitest";
import { applyEdit, emptyAssessment, narrativeHash, type ElementAssessment } from "../../src/domain/assessment.js";
import { defaultCampaign, type Campaign } from "../../src/domain/campaign.js";
import { azuriteConnectionString } from "../../src/store/azurite.js";
import { freePort } from "../support/ports.js";
import { ConcurrencyError, Tables } from "../../src/store/index.js";
import { freshStores } from "../support/storage.js";

const AT = new Date("2025-03-14T09:30:00.000Z");
const ODD_TENANT = "tenant/with#odd?chars\\";

const campaign = (tenantId: string, id: string, overrides: Partial<Campaign> = {}): Campaign => ({
  ...defaultCampaign(tenantId, id, "user-sam", AT),
  ...overrides,
});
const rated = (unitId: string, ref: string, rating: ElementAssessment["rating"], campaignId = "cse-2025"): ElementAssessment => ({
  ...emptyAssessment(campaignId, unitId, ref),
  rating,
  updatedBy: "user-sam",
  updatedAt: AT.toISOString(),
});

describe("campaign store", () => {
  it("creates a campaign once: a second createOrGet returns the first one's data", async () => {
    const { campaigns } = await freshStores();
    const first = await campaigns.createOrGet(campaign("tenant-a", "cse-2025"));
    const second = await campaigns.createOrGet(campaign("tenant-a", "cse-2025", { name: "Another name", createdBy: "user-other" }));
    expect(second.name).toBe(first.name);
    expect(second.createdBy).toBe("user-sam");
    expect(second.createdAt).toBe(AT.toISOString());
    expect(await campaigns.list("tenant-a")).toHaveLength(1);
  });

  it("stores and finds campaigns for tenant and campaign ids with forbidden key characters", async () => {
    const { campaigns } = await freshStores();
    await campaigns.createOrGet(campaign(ODD_TENANT, "2025/26 #1?"));
    const found = await campaigns.get(ODD_TENANT, "2025/26 #1?");
    expect(found?.tenantId).toBe(ODD_TENANT);
    expect(found?.id).toBe("2025/26 #1?");
    expect((await campaigns.list(ODD_TENANT)).map((c) => c.id)).toEqual(["2025/26 #1?"]);
    expect(await campaigns.setActiveIfNone(ODD_TENANT, "2025/26 #1?")).toBe("2025/26 #1?");
    expect(await campaigns.activeCampaignId(ODD_TENANT)).toBe("2025/26 #1?");
  });

  it("never lists one tenant's campaigns for another", async () => {
    const { campaigns } = await freshStores();
    await campaigns.createOrGet(campaign("tenant-a", "a-1"));
    await campaigns.createOrGet(campaign("tenant-a", "a-2"));
    await campaigns.createOrGet(campaign("tenant-b", "b-1"));
    await campaigns.createOrGet(campaign("tenant-a-extra", "x-1"));
    expect((await campaigns.list("tenant-a")).map((c) => c.id).sort()).toEqual(["a-1", "a-2"]);
    expect((await campaigns.list("tenant-b")).map((c) => c.id)).toEqual(["b-1"]);
    expect(await campaigns.get("tenant-b", "a-1")).toBeUndefined();
  });

  it("keeps the first active campaign when another tries to become active", async () => {
    const { campaigns } = await freshStores();
    expect(await campaigns.activeCampaignId("tenant-a")).toBeUndefined();
    expect(await campaigns.setActiveIfNone("tenant-a", "first")).toBe("first");
    expect(await campaigns.setActiveIfNone("tenant-a", "second")).toBe("first");
    expect(await campaigns.activeCampaignId("tenant-a")).toBe("first");
    expect(await campaigns.activeCampaignId("tenant-b")).toBeUndefined();
  });
});

describe("assessment store", () => {
  it("saves a new assessment and reads it back with an ETag", async () => {
    const { assessments } = await freshStores();
    const saved = await assessments.save("tenant-a", rated("council", "1.1.1", "compliance"));
    expect(saved.etag).toBeTruthy();
    const read = await assessments.get("tenant-a", "cse-2025", "council", "1.1.1");
    expect(read).toEqual({ ...rated("council", "1.1.1", "compliance"), etag: saved.etag });
    expect(await assessments.get("tenant-b", "cse-2025", "council", "1.1.1")).toBeUndefined();
  });

  it("refuses a second save from the same stale ETag, keeping the first writer's value", async () => {
    const { assessments } = await freshStores();
    const original = await assessments.save("tenant-a", rated("council", "1.1.1", "partial"));
    const first = await assessments.save("tenant-a", { ...original, rating: "compliance" });
    expect(first.etag).not.toBe(original.etag);
    await expect(assessments.save("tenant-a", { ...original, rating: "non-compliance" })).rejects.toBeInstanceOf(ConcurrencyError);
    const stored = await assessments.get("tenant-a", "cse-2025", "council", "1.1.1");
    expect(stored?.rating).toBe("compliance");
    expect(stored?.etag).toBe(first.etag);
  });

  it("refuses to create the same new row twice", async () => {
    const { assessments } = await freshStores();
    await assessments.save("tenant-a", rated("council", "2.1.1", "compliance"));
    await expect(assessments.save("tenant-a", rated("council", "2.1.1", "partial"))).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await assessments.get("tenant-a", "cse-2025", "council", "2.1.1"))?.rating).toBe("compliance");
  });

  it("lists only the asked-for unit's rows, even when another unit's name starts with it", async () => {
    const { assessments } = await freshStores();
    const rows = [
      rated("council", "1.1.1", "compliance"),
      rated("council", "1.1.2", "partial"),
      rated("housing", "1.1.1", "non-compliance"),
      rated("hous", "2.1.1", "compliance-plus"),
      rated("housing|x", "3.1.1", "compliance"),
      rated("council", "3.1.1", "compliance", "cse-2024"),
    ];
    for (const row of rows) await assessments.save("tenant-a", row);
    await assessments.save("tenant-b", rated("council", "4.1.1", "compliance"));
    const refs = async (unit: string) => [...(await assessments.listForUnit("tenant-a", "cse-2025", unit)).keys()].sort();
    expect(await refs("council")).toEqual(["1.1.1", "1.1.2"]);
    expect(await refs("housing")).toEqual(["1.1.1"]);
    expect(await refs("hous")).toEqual(["2.1.1"]);
    expect(await refs("housing|x")).toEqual(["3.1.1"]);
    expect(await refs("nobody")).toEqual([]);
    const housing = await assessments.listForUnit("tenant-a", "cse-2025", "housing");
    expect(housing.get("1.1.1")?.rating).toBe("non-compliance");
    expect(housing.get("1.1.1")?.unitId).toBe("housing");
  });

  it("round-trips evidence links and narrative text exactly, for an awkward tenant id", async () => {
    const { assessments } = await freshStores();
    let current = emptyAssessment("cse 2025/#1", "Adult social care", "3.4.1");
    for (const [title, url] of [
      ["Partnership board minutes", "https://council.gov.uk/minutes?id=4&x='y'"],
      ["Café ☕ notes", "council.sharepoint.com/sites/cse/Notes.docx"],
    ] as const) {
      const base = { rating: current.rating, narrativeHash: narrativeHash(current.narrative) };
      const result = applyEdit(
        current,
        { base, draft: { narrative: "Works with \"partners\"\nand 'communities' ☕" }, addLink: { title, url } },
        "user-sam",
        AT,
      );
      if (!result.ok) throw new Error(result.refusal.message);
      current = result.value.next;
    }
    expect(current.evidence).toHaveLength(2);
    await assessments.save(ODD_TENANT, current);
    const read = await assessments.get(ODD_TENANT, "cse 2025/#1", "Adult social care", "3.4.1");
    expect(read?.evidence).toEqual(current.evidence);
    expect(read?.narrative).toBe(current.narrative);
    expect([...(await assessments.listForUnit(ODD_TENANT, "cse 2025/#1", "Adult social care")).keys()]).toEqual(["3.4.1"]);
  });
});

describe("participant store", () => {
  it("reads back what was put, and replaces it on the next put", async () => {
    const { participants } = await freshStores();
    const sam = {
      tenantId: ODD_TENANT,
      userId: "29:user/sam#1",
      displayName: "Sam Patel",
      campaignId: "cse-2025",
      currentRef: "2.1.3",
      lastSeenAt: AT.toISOString(),
    };
    await participants.put(sam);
    expect(await participants.get(ODD_TENANT, "29:user/sam#1")).toEqual({ ...sam, roles: [] });
    await participants.put({ tenantId: ODD_TENANT, userId: "29:user/sam#1", displayName: "Sam P", lastSeenAt: "2025-03-15T10:00:00.000Z" });
    expect(await participants.get(ODD_TENANT, "29:user/sam#1")).toEqual({
      tenantId: ODD_TENANT,
      userId: "29:user/sam#1",
      displayName: "Sam P",
      campaignId: undefined,
      currentRef: undefined,
      lastSeenAt: "2025-03-15T10:00:00.000Z",
      roles: [],
    });
    expect(await participants.get("tenant-b", "29:user/sam#1")).toBeUndefined();
  });
});

describe("storage request counting", () => {
  it("counts one request per read and per write", async () => {
    const stores = await freshStores();
    const before = stores.tables.requestCount;
    await stores.campaigns.get("tenant-count", "none");
    await stores.participants.put({ tenantId: "tenant-count", userId: "u1", displayName: "U", lastSeenAt: new Date().toISOString() });
    expect(stores.tables.requestCount - before).toBe(2);
  });
});

describe("storage health", () => {
  it("answers a ping when storage is up", async () => {
    const { tables } = await freshStores();
    await expect(tables.ping()).resolves.toBeUndefined();
  });

  // The test's own timeout catches a ping that never gives up.
  it("fails a ping when nothing listens on the storage port", { timeout: 10_000 }, async () => {
    const port = await freePort();
    const tables = new Tables(azuriteConnectionString(port), "tclosed");
    await expect(tables.ping(2000)).rejects.toThrow();
  });
});

describe("campaign updates", () => {
  it("returns the new ETag, so a second update from the old copy is refused", async () => {
    const { campaigns } = await freshStores();
    const created = await campaigns.createOrGet(campaign("tenant-etag", "c1"));
    const change = {
      campaignId: "c1",
      field: "status" as const,
      from: "open",
      to: "in-review",
      byId: "u",
      byName: "U",
      at: AT.toISOString(),
    };
    const updated = await campaigns.update({ ...created, status: "in-review" }, change);
    expect(updated.etag).toBeTruthy();
    expect(updated.etag).not.toBe(created.etag);
    await expect(campaigns.update({ ...created, status: "open" }, { ...change, to: "open" })).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await campaigns.update({ ...updated, status: "open" }, { ...change, from: "in-review", to: "open" })).status).toBe("open");
  });
});
