/**
 * What a walk-through turn reads, over HTTP on real Azurite: the element card with its
 * improvement actions and service standards comes from the person's row and the unit's elements
 * (their campaign's copy carries the rest), so a typed `assess` is 2 storage requests and a save
 * 3, and the card still follows every change to an action or a standard made elsewhere.
 */
import { describe, expect, it } from "vitest";
import type { ImprovementAction } from "../../src/domain/actions.js";
import { COUNCIL_UNIT, emptyAssessment } from "../../src/domain/assessment.js";
import { defaultCampaign } from "../../src/domain/campaign.js";
import { teamsWorld } from "../support/e2e.js";
import { LETTERS, OLU } from "../support/service-standards.js";
import { cardText } from "../support/teams.js";

const TENANT = "tenant-turn-reads";
const world = teamsWorld(TENANT);
const AT = "2026-11-30T10:00:00.000Z";

const action = (id: string): ImprovementAction => ({
  tenantId: TENANT,
  id,
  title: "Publish response times for letters",
  description: "",
  refs: ["4.1.2"],
  owner: OLU,
  dueOn: "2027-01-29",
  priority: "medium",
  status: "open",
  createdBy: OLU,
  createdAt: AT,
  updatedAt: AT,
});

/** What `work` returned, and how many storage requests the bot made meanwhile. */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const tables = world.bot().stores.tables;
  const before = tables.requestCount;
  const result = await work();
  return { result, requests: tables.requestCount - before };
}

describe("a walk-through turn", () => {
  it("reads the person and the unit only, and the card shows the element's actions and standards", async () => {
    const olu = world.client(world.user(OLU.userId, OLU.name));
    await olu.say("assess 4.1.2"); // the council's first campaign, and where Olu works
    const { stores } = world.bot();
    const created = await stores.actions.create(TENANT, action, undefined, { by: OLU, at: AT });
    await stores.standards.create(TENANT, { ...LETTERS, refs: ["4.1.2"] }, { by: OLU, at: AT });

    expect((await counted(() => olu.say("assess 4.1.2"))).requests).toBe(2);
    const card = world.cardFor(olu);
    expect(cardText(card)).toContain("Publish response times for letters");
    expect(cardText(card)).toContain(LETTERS.promise);

    const save = await counted(() => olu.press(card, "Save", { rating: "partial" }));
    expect(save.requests).toBe(3);
    const saved = save.result.body.value;
    expect(cardText(saved)).toContain("Saved.");
    expect(cardText(saved)).toContain("Publish response times for letters · due 29 Jan 2027");

    // Done elsewhere (the action's own card): the next press shows it.
    const { etag: _etag, ...fields } = created;
    await stores.actions.update(created, { ...fields, status: "done" }, undefined, []);
    const after = (await olu.press(saved, "Save", { rating: "compliance" })).body.value;
    expect(cardText(after)).toContain("Publish response times for letters · done");

    // Three more: the card lists three, unfinished first, and says how many more there are.
    for (let i = 0; i < 3; i++) await stores.actions.create(TENANT, action, undefined, { by: OLU, at: AT });
    await olu.say("assess 4.1.2");
    const listed = cardText(world.cardFor(olu));
    expect(listed.match(/Publish response times for letters · due 29 Jan 2027/g)).toHaveLength(3);
    expect(listed).not.toContain("Publish response times for letters · done");
    expect(listed).toContain("and 1 more: type actions 4.1.2");
  });

  it("in a council's second cycle, shows last cycle's rating from the same two reads, and a save still takes 3", async () => {
    const { stores } = world.bot();
    const tenantId = "tenant-turn-reads-2";
    const at = new Date("2025-11-30T09:00:00Z");
    const last = await stores.campaigns.createOrGet({ ...defaultCampaign(tenantId, "cse-2025", "user-cora", at), status: "signed-off" });
    await stores.assessments.save(tenantId, {
      ...emptyAssessment(last.id, COUNCIL_UNIT, "2.1.1"),
      rating: "compliance",
      narrative: "Customer insight team profiles every service yearly.",
    });
    const current = await stores.campaigns.createOrGet({
      ...defaultCampaign(tenantId, "cse-2026", "user-cora", new Date(AT)),
      previousCampaignId: last.id,
    });
    await stores.campaigns.setActive(tenantId, current.id);
    const sam = world.client({ tenantId, aadObjectId: "user-sam", name: "Sam Patel" });
    await sam.say("assess 2.1.1");

    expect((await counted(() => sam.say("assess 2.1.1"))).requests).toBe(2);
    const card = world.cardFor(sam);
    expect(cardText(card)).toContain("Last cycle (CSE self-assessment 2025): **Compliance**, 0 evidence links");
    expect(cardText(card)).toContain('"Customer insight team profiles every service yearly."');

    const save = await counted(() => sam.press(card, "Save", { rating: "partial" }));
    expect(save.requests).toBe(3);
    const saved = save.result.body.value;
    expect(cardText(saved)).toContain("Last cycle (CSE self-assessment 2025): **Compliance**");
  });
});
