/**
 * A coordinator runs a campaign over HTTP, as in Teams: sets it up with two units, opens it; an
 * officer works in one unit; review and sign-off make it read-only; the next cycle shows last
 * cycle's rating as context. Officers cannot press coordinator buttons, whatever they send.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../support/bot.js";
import { ConnectorStub } from "../support/connector-stub.js";
import { cardText, findActions, findInputs, TeamsClient, type InvokeReply } from "../support/teams.js";
import { copyRowKey } from "../../src/store/assessment-rows.js";
import { compositeKey } from "../../src/store/keys.js";

const TENANT = "tenant-campaigns-e2e";
const stub = new ConnectorStub();
let bot: Awaited<ReturnType<typeof startBot>>;
let cora: TeamsClient;
let olu: TeamsClient;

beforeAll(async () => {
  await stub.start();
  bot = await startBot();
  cora = new TeamsClient(() => bot.url, stub.url, { tenantId: TENANT, aadObjectId: "user-cora", name: "Cora Coordinator" });
  olu = new TeamsClient(() => bot.url, stub.url, { tenantId: TENANT, aadObjectId: "user-olu", name: "Olu Officer" });
});

afterAll(async () => {
  await bot.close();
  await stub.stop();
});

const lastCard = () => stub.cards().at(-1)!;
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;
/** Presses the campaign button `title` for the campaign whose name is `name`. */
async function pressFor(who: TeamsClient, on: Record<string, any>, title: string, name: string): Promise<InvokeReply> {
  const campaigns = await bot.stores.campaigns.list(TENANT);
  const id = campaigns.find((c) => c.name === name)?.id;
  return who.press(on, title, {}, (a) => a.data.campaignId === id);
}

describe("running a campaign", () => {
  it("sets up a campaign with two units and opens it", async () => {
    await cora.say("setup");
    await cora.say("campaign new");
    const form = lastCard();
    expect(cardText(form)).toContain("Set up a CSE campaign");
    const created = await cora.press(form, "Create as draft", {
      name: "CSE annual review 2027",
      type: "annual-review-1",
      units: "Corporate Services\nLandlord Services",
      dueDate: "2027-03-31",
    });
    expect(cardText(card(created))).toContain("is set up as a draft with 2 units (Corporate Services, Landlord Services)");
    const opened = await pressFor(cora, card(created), "Open it", "CSE annual review 2027");
    expect(cardText(card(opened))).toContain('"CSE annual review 2027" is now open.');
  });

  it("refuses a campaign form with a date in the past, keeping what was typed", async () => {
    await cora.say("campaign new");
    const reply = await cora.press(lastCard(), "Create as draft", {
      name: "Old review",
      type: "health-check",
      units: "",
      dueDate: "2020-01-01",
    });
    expect(cardText(card(reply))).toContain("The due date is in the past");
    expect((await bot.stores.campaigns.list(TENANT)).map((c) => c.name)).not.toContain("Old review");
  });

  it("lets an officer choose the campaign and unit to work in, and rate there", async () => {
    // The campaign opened last is where people start.
    await olu.say("campaigns");
    expect(cardText(lastCard())).toContain("**CSE annual review 2027** (you are working in this one)");
    expect(await bot.stores.campaigns.list(TENANT)).toHaveLength(1);
    await olu.say("unit landlord services");
    expect(stub.texts().at(-1)).toBe('You are now assessing Landlord Services in "CSE annual review 2027". Type assess to continue.');
    await olu.say("assess 1.1.1");
    expect(cardText(lastCard())).toContain("Unit: Landlord Services");
    const saved = await olu.press(lastCard(), "Save", { rating: "compliance" });
    expect(cardText(card(saved))).toContain("Current rating: **Compliance**");
  });

  it("does not let an officer press a coordinator's button, whatever the payload says", async () => {
    const [campaign] = (await bot.stores.campaigns.list(TENANT)).filter((c) => c.name === "CSE annual review 2027");
    const reply = await olu.invoke("cse.campaignMove", { campaignId: campaign!.id, to: "in-review" });
    expect(cardText(card(reply))).toContain("Only a CSE coordinator can set up or change campaigns");
    expect((await bot.stores.campaigns.get(TENANT, campaign!.id))?.status).toBe("open");
  });

  it("makes a signed-off campaign read-only", async () => {
    await cora.say("campaigns");
    const review = await pressFor(cora, lastCard(), "Move to review", "CSE annual review 2027");
    const signed = await pressFor(cora, card(review), "Sign off", "CSE annual review 2027");
    expect(cardText(card(signed))).toContain("It is read-only from now on.");
    await olu.say("assess 1.1.1");
    expect(cardText(lastCard())).toContain("This campaign is signed off: this card is its record");
    expect(findInputs(lastCard())).toEqual([]);
    const back = findActions(lastCard()).find((a) => a.title === "Back")!;
    const refused = await olu.invoke("cse.save", { ...back.data, rating: "partial" });
    expect(cardText(card(refused))).toContain("can no longer be changed");
    expect(cardText(card(refused))).toContain("Current rating: **Compliance**");
  });

  it("starts the next cycle with last cycle's rating as context and the element to do again", async () => {
    await cora.say("campaigns");
    const next = await pressFor(cora, lastCard(), "Start next cycle", "CSE annual review 2027");
    expect(cardText(card(next))).toContain("CSE annual review, year 2 (2026)");
    await pressFor(cora, card(next), "Open it", "CSE annual review, year 2 (2026)");
    // Olu follows the council into the new cycle without looking for it, and is told once.
    await olu.say("assess");
    expect(cardText(lastCard())).toContain(
      'Your council has moved on to "CSE annual review, year 2 (2026)", so you now work in it. "CSE annual review 2027" is finished',
    );
    await olu.say("progress");
    expect(cardText(lastCard())).toContain("CSE annual review, year 2 (2026)");
    await olu.say("assess");
    expect(cardText(lastCard())).not.toContain("Your council has moved on");
    await olu.say("unit Landlord Services");
    await olu.say("assess 1.1.1");
    const text = cardText(lastCard());
    expect(text).toContain("Last cycle (CSE annual review 2027): **Compliance**, 0 evidence links");
    expect(text).toContain("Current rating: **Not yet rated**");
    expect(findActions(lastCard()).every((a) => a.data.unitId === "landlord-services")).toBe(true);
  });

  it("lets someone who chose the signed-off campaign stay in it, to look back", async () => {
    await olu.say("campaigns");
    await pressFor(olu, lastCard(), "Work in this", "CSE annual review 2027");
    await olu.say("assess 1.1.1");
    expect(cardText(lastCard())).toContain("CSE annual review 2027");
    expect(cardText(lastCard())).toContain("This campaign is signed off: this card is its record");
    await olu.say("campaigns");
    await pressFor(olu, lastCard(), "Work in this", "CSE annual review, year 2 (2026)");
    await olu.say("assess 1.1.1");
    expect(cardText(lastCard())).toContain("CSE annual review, year 2 (2026)");
  });

  it("works the same for campaigns whose copies beside the units were never written (stored by an earlier version)", async () => {
    for (const campaign of await bot.stores.campaigns.list(TENANT))
      for (const unit of campaign.units)
        await bot.stores.tables.delete("Assessments", compositeKey(TENANT, campaign.id), copyRowKey(unit.id));
    await olu.say("unit Landlord Services");
    await olu.say("assess 1.1.1");
    const shown = lastCard();
    expect(cardText(shown)).toContain("Last cycle (CSE annual review 2027): **Compliance**, 0 evidence links");
    const saved = await olu.press(shown, "Save", { rating: "partial" });
    expect(cardText(card(saved))).toContain("Current rating: **Partial Compliance**");
    const [year2] = (await bot.stores.campaigns.list(TENANT)).filter((c) => c.name === "CSE annual review, year 2 (2026)");
    expect((await bot.stores.assessments.get(TENANT, year2!.id, "landlord-services", "1.1.1"))?.rating).toBe("partial");
  });
});
