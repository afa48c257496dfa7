/**
 * Campaigns on real Azurite: only coordinators set them up and move them; the lifecycle holds;
 * the next cycle starts from the last with its ratings as context and every element to do again;
 * signed-off campaigns refuse edits; each person has one current campaign and unit.
 */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { narrativeHash } from "../../src/domain/assessment.js";
import { createLogger } from "../../src/logger.js";
import { CampaignService } from "../../src/services/campaigns.js";
import { RolesService } from "../../src/services/roles.js";
import { WalkthroughService, type Actor, type ElementView } from "../../src/services/walkthrough.js";
import { freshStores } from "../support/storage.js";
import { noMessages } from "../support/notifier.js";

const TENANT = "tenant-campaigns";
const who = (id: string, name = id): Actor => ({ tenantId: TENANT, userId: id, displayName: name });
const CORA = who("cora", "Cora Coordinator");
const OFFICER = who("olu", "Olu Officer");
const clock = fixedClock("2026-11-20T10:00:00Z");

async function setUp() {
  const stores = await freshStores();
  const log = createLogger("silent");
  const roles = new RolesService(stores, clock, log, []);
  await roles.setup(CORA);
  const rolesOf = (a: Actor) => roles.rolesOf(a);
  return {
    stores,
    roles,
    rolesOf,
    campaigns: new CampaignService({ stores, clock, log, rolesOf }),
    walkthrough: new WalkthroughService({ stores, clock, log, rolesOf }, noMessages),
  };
}

const charnwood = {
  name: "CSE annual review 2027",
  type: "annual-review-2",
  units: "Corporate Services\nLandlord Services",
  dueDate: "2027-03-31",
};

describe("campaigns", () => {
  it("lets only a coordinator set one up, as a draft with its units, due date and lead", async () => {
    const { stores, campaigns } = await setUp();
    const refused = await campaigns.create(OFFICER, charnwood);
    expect(refused).toMatchObject({ ok: false, refusal: { code: "not-allowed" } });
    expect(await stores.campaigns.list(TENANT)).toEqual([]);

    const created = await campaigns.create(CORA, charnwood);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.campaign).toMatchObject({
      status: "draft",
      type: "annual-review-2",
      dueDate: "2027-03-31",
      leads: [{ userId: "cora", name: "Cora Coordinator" }],
    });
    expect(created.campaign.units.map((u) => u.name)).toEqual(["Corporate Services", "Landlord Services"]);
    expect(created.message).toContain("2 units (Corporate Services, Landlord Services)");
    expect(await stores.campaigns.history(TENANT, created.campaign.id)).toMatchObject([
      { field: "created", to: "CSE annual review 2027", byName: "Cora Coordinator" },
    ]);
  });

  it("moves through draft, open, in review and signed off, refusing moves the lifecycle does not allow", async () => {
    const { stores, campaigns } = await setUp();
    const created = await campaigns.create(CORA, charnwood);
    if (!created.ok) throw new Error("not created");
    const id = created.campaign.id;
    expect(await campaigns.move(CORA, id, "signed-off")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("cannot be moved to signed off") },
    });
    expect(await campaigns.move(OFFICER, id, "open")).toMatchObject({ ok: false, refusal: { code: "not-allowed" } });
    for (const [i, to] of (["open", "in-review", "signed-off"] as const).entries()) {
      clock.set(`2026-11-2${i + 1}T10:00:00Z`);
      expect(await campaigns.move(CORA, id, to)).toMatchObject({ ok: true });
    }
    clock.set("2026-11-20T10:00:00Z");
    expect((await stores.campaigns.get(TENANT, id))?.status).toBe("signed-off");
    expect(await stores.campaigns.activeCampaignId(TENANT)).toBe(id);
    const moves = (await stores.campaigns.history(TENANT, id)).filter((h) => h.field === "status").map((h) => `${h.from}->${h.to}`);
    expect(moves).toEqual(["in-review->signed-off", "open->in-review", "draft->open"]);
  });

  it("refuses edits to a signed-off campaign and stores nothing", async () => {
    const { stores, campaigns, walkthrough } = await setUp();
    const created = await campaigns.create(CORA, charnwood);
    if (!created.ok) throw new Error("not created");
    const id = created.campaign.id;
    for (const to of ["open", "in-review", "signed-off"] as const) await campaigns.move(CORA, id, to);
    const outcome = await walkthrough.act(CORA, {
      verb: "save",
      campaignId: id,
      unitId: "corporate-services",
      ref: "1.1.1",
      base: { rating: "unrated", narrativeHash: narrativeHash("") },
      drafts: { rating: "compliance" },
    });
    expect(outcome).toMatchObject({
      ok: false,
      refusal: { code: "campaign-closed", message: expect.stringContaining("can no longer be changed") },
    });
    expect(await stores.assessments.get(TENANT, id, "corporate-services", "1.1.1")).toBeUndefined();
  });

  it("starts the next cycle: same units, next type, last cycle shown as context, every element to do again", async () => {
    const { campaigns, walkthrough } = await setUp();
    const created = await campaigns.create(CORA, charnwood);
    if (!created.ok) throw new Error("not created");
    const last = created.campaign;
    await campaigns.move(CORA, last.id, "open");
    await campaigns.setCurrent(OFFICER, last.id);
    await walkthrough.act(OFFICER, {
      verb: "save",
      campaignId: last.id,
      unitId: "corporate-services",
      ref: "4.1.2",
      base: { rating: "unrated", narrativeHash: narrativeHash("") },
      drafts: { rating: "partial", narrative: "We do not meet every KPI yet." },
    });

    const next = await campaigns.startNextCycle(CORA, last.id);
    expect(next.ok).toBe(true);
    if (!next.ok) return;
    expect(next.campaign).toMatchObject({
      type: "reassessment",
      status: "draft",
      previousCampaignId: last.id,
      name: "CSE three-year reassessment (2026)",
    });
    expect(next.campaign.units.map((u) => u.id)).toEqual(["corporate-services", "landlord-services"]);

    await campaigns.setCurrent(OFFICER, next.campaign.id);
    const view = (await walkthrough.open(OFFICER, "4.1.2")) as ElementView;
    expect(view.assessment.rating).toBe("unrated");
    expect(view.previous).toMatchObject({
      campaignName: "CSE annual review 2027",
      element: { rating: "partial", narrative: "We do not meet every KPI yet.", links: 0 },
    });
    expect(view.progress.rated).toBe(0);
  });

  it("keeps each person's current campaign and unit, and refuses another council's campaign", async () => {
    const { campaigns, walkthrough } = await setUp();
    const created = await campaigns.create(CORA, charnwood);
    if (!created.ok) throw new Error("not created");
    expect(await campaigns.setCurrent(OFFICER, created.campaign.id)).toMatchObject({ ok: true });
    expect((await walkthrough.chooseUnit(OFFICER, "landlord services")) as object).toMatchObject({ unit: { id: "landlord-services" } });
    const view = (await walkthrough.open(OFFICER, "1.1.1")) as ElementView;
    expect(view.campaign.id).toBe(created.campaign.id);
    expect(view.unit.name).toBe("Landlord Services");
    expect(await walkthrough.chooseUnit(OFFICER, "Parks")).toMatchObject({
      code: "invalid-payload",
      message: expect.stringContaining("Its units are: Corporate Services, Landlord Services"),
    });
    const foreign = await campaigns.setCurrent({ ...OFFICER, tenantId: "another-council" }, created.campaign.id);
    expect(foreign).toMatchObject({ ok: false, refusal: { code: "unknown-campaign" } });
  });

  it("refuses a card for a unit that is not part of the campaign", async () => {
    const { stores, campaigns, walkthrough } = await setUp();
    const created = await campaigns.create(CORA, charnwood);
    if (!created.ok) throw new Error("not created");
    const outcome = await walkthrough.act(OFFICER, {
      verb: "save",
      campaignId: created.campaign.id,
      unitId: "parks",
      ref: "1.1.1",
      base: { rating: "unrated", narrativeHash: narrativeHash("") },
      drafts: { rating: "compliance" },
    });
    expect(outcome).toMatchObject({ ok: false, refusal: { code: "invalid-payload" } });
    expect(await stores.assessments.listForUnit(TENANT, created.campaign.id, "parks")).toEqual(new Map());
  });
});

describe("lead coordinators", () => {
  it("adds a coordinator as a second lead, audited; refuses a non-coordinator lead and a non-coordinator asking", async () => {
    const { stores, roles, rolesOf, campaigns } = await setUp();
    const created = await campaigns.create(CORA, charnwood);
    if (!created.ok) throw new Error("not created");
    const dan = who("dan", "Dan Deputy");
    expect(await campaigns.addLead(CORA, created.campaign.id, dan, await rolesOf(dan))).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("Dan Deputy is not a CSE coordinator yet") },
    });
    expect(await campaigns.addLead(OFFICER, created.campaign.id, CORA, await rolesOf(CORA))).toMatchObject({
      ok: false,
      refusal: { code: "not-allowed" },
    });
    await roles.grant(CORA, dan, "coordinator");
    const added = await campaigns.addLead(CORA, created.campaign.id, dan, await rolesOf(dan));
    expect(added).toMatchObject({ ok: true, message: 'Dan Deputy now leads "CSE annual review 2027" with Cora Coordinator.' });
    expect((await stores.campaigns.get(TENANT, created.campaign.id))?.leads.map((l) => l.name)).toEqual(["Cora Coordinator", "Dan Deputy"]);
    expect((await stores.campaigns.history(TENANT, created.campaign.id)).find((h) => h.field === "leads")).toMatchObject({
      from: "Cora Coordinator",
      to: "Cora Coordinator, Dan Deputy",
      byName: "Cora Coordinator",
    });
  });
});
