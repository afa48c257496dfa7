/**
 * What a walk-through turn reads, over HTTP on real Azurite: the element card with its
 * improvement actions and service standards comes from the person's row and the unit's elements
 * (their campaign's copy carries the rest), so a typed `assess` is 2 storage requests and a save
 * 3, and the card still follows every change to an action or a standard made elsewhere.
 */
import { describe, expect, it } from "vitest";
import type { ImprovementAction } from "../../src/domain/actions.js";
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

/** Storage requests `work` made. */
async function requests(work: () => Promise<unknown>): Promise<number> {
  const tables = world.bot().stores.tables;
  const before = tables.requestCount;
  await work();
  return tables.requestCount - before;
}

describe("a walk-through turn", () => {
  it("reads the person and the unit only, and the card shows the element's actions and standards", async () => {
    const olu = world.client(world.user(OLU.userId, OLU.name));
    await olu.say("assess 4.1.2"); // the council's first campaign, and where Olu works
    const { stores } = world.bot();
    const created = await stores.actions.create(TENANT, action, undefined, { by: OLU, at: AT });
    await stores.standards.create(TENANT, { ...LETTERS, refs: ["4.1.2"] }, { by: OLU, at: AT });

    expect(await requests(() => olu.say("assess 4.1.2"))).toBe(2);
    const card = world.cardFor(olu);
    expect(cardText(card)).toContain("Publish response times for letters");
    expect(cardText(card)).toContain(LETTERS.promise);

    let saved: Record<string, any> = {};
    expect(
      await requests(async () => {
        saved = (await olu.press(card, "Save", { rating: "partial" })).body.value;
      }),
    ).toBe(3);
    expect(cardText(saved)).toContain("Saved.");
    expect(cardText(saved)).toContain("Publish response times for letters · due 29 Jan 2027");

    // Done elsewhere (the action's own card): the next press shows it.
    const { etag: _etag, ...fields } = created;
    await stores.actions.update(created, { ...fields, status: "done" }, undefined, []);
    const after = (await olu.press(saved, "Save", { rating: "compliance" })).body.value;
    expect(cardText(after)).toContain("Publish response times for letters · done");
  });
});
