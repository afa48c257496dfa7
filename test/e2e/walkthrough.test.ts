/**
 * The walk-through end to end, over HTTP with Teams-shaped activities, on real Azurite:
 * install, assess, rate, add a link, refuse a bad link, restart, resume with everything there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorStub } from "../support/connector-stub.js";
import { startBot } from "../support/bot.js";
import { cardText, expectInOrder, findActions, findInputs, TeamsClient } from "../support/teams.js";
import { defaultCampaign } from "../../src/domain/campaign.js";
import { LIMITS } from "../../src/domain/limits.js";

const stub = new ConnectorStub();
let bot: Awaited<ReturnType<typeof startBot>>;
let sam: TeamsClient;

beforeAll(async () => {
  await stub.start();
  bot = await startBot();
  sam = new TeamsClient(() => bot.url, stub.url, { tenantId: "tenant-oadby", aadObjectId: "user-sam", name: "Sam Patel" });
});

afterAll(async () => {
  await bot.close();
  await stub.stop();
});

const lastCard = () => stub.cards().at(-1)!;

describe("self-assessment walk-through", () => {
  it("welcomes a person when the app is installed", async () => {
    const reply = await sam.install();
    expect(reply.status).toBe(200);
    const welcome = lastCard();
    expect(cardText(welcome)).toContain("Hello Sam, welcome to your CSE self-assessment");
    expect(findActions(welcome).map((a) => a.title)).toContain("Start my self-assessment");
    expect(stub.sent.at(-1)!.conversationId).toBe(sam.conversationId);
  });

  it("lists what it can do on help", async () => {
    await sam.say("help");
    expect(cardText(lastCard())).toMatch(/assess 3\.2\.1[\s\S]*progress/);
  });

  it("starts at the first element, creating the tenant's default campaign", async () => {
    await sam.say("assess");
    const card = lastCard();
    const text = cardText(card);
    expect(text).toContain("Criterion 1: Customer Insight");
    expect(text).toContain("1.1 Customer Identification");
    expect(text).toContain("We have an in-depth understanding of the characteristics of our current and potential customer groups");
    expect(text).toContain("Element 1 of 57");
    expect(text).toContain("0 rated, 57 to go");
    expect(text).toContain("Current rating: **Not yet rated**");
    const campaigns = await bot.stores.campaigns.list("tenant-oadby");
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]!.status).toBe("open");
  });

  it("rates, writes a narrative and moves on, updating the card in place", async () => {
    const reply = await sam.press(lastCard(), "Save and next", {
      rating: "compliance",
      narrative: "We profile customers from the census and our CRM every year.",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.type).toBe("application/vnd.microsoft.card.adaptive");
    const next = reply.body.value;
    expect(cardText(next)).toContain("Element 2 of 57");
    expect(cardText(next)).toContain("1 rated, 56 to go");
    expect(cardText(next)).toContain("Saved.");
    const stored = await bot.stores.assessments.get("tenant-oadby", "cse-" + new Date().getUTCFullYear(), "council", "1.1.1");
    expect(stored?.rating).toBe("compliance");
    expect(stored?.narrative).toBe("We profile customers from the census and our CRM every year.");
  });

  it("jumps to an element by reference and rates it", async () => {
    await sam.say("assess 3.2.1");
    const card = lastCard();
    expect(cardText(card)).toContain("3.2 Quality of Information");
    const reply = await sam.press(card, "Save", { rating: "compliance-plus" });
    expect(cardText(reply.body.value)).toContain("Current rating: **Compliance Plus**");
  });

  it("adds an evidence link and shows it on the card", async () => {
    const card = (await sam.say("assess 3.2.1"), lastCard());
    const reply = await sam.press(card, "Add link", {
      linkTitle: "Accessible information policy",
      linkUrl: "https://oadby.sharepoint.com/sites/cse/Policy.docx",
    });
    const updated = reply.body.value;
    expect(cardText(updated)).toContain("[Accessible information policy](https://oadby.sharepoint.com/sites/cse/Policy.docx)");
    expect(cardText(updated)).toContain(`Evidence links (1 of ${LIMITS.linksPerElement})`);
    expect(cardText(updated)).toContain("Link added.");
  });

  it("refuses an unsafe link in the card and stores nothing", async () => {
    const before = await bot.stores.assessments.get("tenant-oadby", "cse-" + new Date().getUTCFullYear(), "council", "3.2.1");
    const card = (await sam.say("assess 3.2.1"), lastCard());
    const reply = await sam.press(card, "Add link", {
      linkTitle: "Click me",
      linkUrl: "javascript:alert(document.cookie)",
      narrative: "Changed text that must not be saved",
    });
    const refused = reply.body.value;
    expect(cardText(refused)).toContain('A "javascript:" link cannot be opened safely');
    // What the person typed stays in the card so they can correct it.
    expect(findInputs(refused).find((i) => i.id === "linkUrl").value).toBe("javascript:alert(document.cookie)");
    const after = await bot.stores.assessments.get("tenant-oadby", "cse-" + new Date().getUTCFullYear(), "council", "3.2.1");
    expect(after).toEqual(before);
  });

  it("removes a link", async () => {
    const card = (await sam.say("assess 3.2.1"), lastCard());
    await sam.press(card, "Add link", { linkTitle: "Old leaflet", linkUrl: "https://www.oadby-wigston.gov.uk/leaflet.pdf" });
    const withTwo = (await sam.say("assess 3.2.1"), lastCard());
    expect(cardText(withTwo)).toContain(`Evidence links (2 of ${LIMITS.linksPerElement})`);
    const choice = findInputs(withTwo)
      .find((i) => i.id === "removeLinkId")
      .choices.find((c: any) => c.title === "2. Old leaflet");
    const reply = await sam.press(withTwo, "Remove", { removeLinkId: choice.value });
    expect(cardText(reply.body.value)).toContain(`Evidence links (1 of ${LIMITS.linksPerElement})`);
    expect(cardText(reply.body.value)).not.toContain("Old leaflet");
    expect(cardText(reply.body.value)).toContain("Accessible information policy");
  });

  it("goes back and skips to the next unrated element", async () => {
    const card = (await sam.say("assess 1.1.2"), lastCard());
    const back = await sam.press(card, "Back");
    expect(cardText(back.body.value)).toContain("Element 1 of 57");
    const skipped = await sam.press(back.body.value, "Skip to next unrated");
    expect(cardText(skipped.body.value)).toContain("Element 2 of 57");
  });

  it("shows progress counts by rating and what is left", async () => {
    await sam.say("progress");
    const text = cardText(lastCard());
    expect(text).toContain("Your progress: 2 of 57 elements rated");
    expect(text).toMatch(/Compliance Plus\s+\*\*1\*\*/);
    expect(text).toMatch(/Compliance\s+\*\*1\*\*/);
    expect(text).toContain("Still to rate: 55");
  });

  it("works through the Action.Submit fallback for older clients", async () => {
    const card = (await sam.say("assess 1.1.3"), lastCard());
    stub.clear();
    const reply = await sam.submit(card, "Save", { rating: "partial" });
    expect(reply.status).toBe(200);
    expect(stub.sent.at(-1)!.method).toBe("PUT"); // the card is updated in place
    expect(cardText(stub.cards().at(-1))).toContain("Current rating: **Partial Compliance**");
  });

  it("shows who changed an element, when and how, newest first, with history", async () => {
    await sam.say("history 3.2.1");
    const text = cardText(lastCard());
    const expected = [
      "History of 3.2.1",
      "**Evidence link removed**",
      "Old leaflet",
      "**Evidence link added**",
      "Old leaflet",
      "**Evidence link added**",
      "Accessible information policy",
      "**Rating** changed from Not yet rated to Compliance Plus",
      "Sam Patel",
    ];
    expectInOrder(text, expected);
    // The refused javascript: link left no trace.
    expect(text).not.toContain("Click me");
  });

  it("asks which element when history has none", async () => {
    await sam.say("history");
    expect(stub.texts().at(-1)).toBe("Which element? For example: history 3.2.1");
  });

  it("resumes where the person stopped after the server restarts, with everything still there", async () => {
    await sam.say("assess 3.2.1");
    await bot.close();
    bot = await startBot({ tablePrefix: bot.tablePrefix });
    await sam.say("assess");
    const text = cardText(lastCard());
    expect(text).toContain("Element 25 of 57");
    expect(text).toContain("Current rating: **Compliance Plus**");
    expect(text).toContain("[Accessible information policy](https://oadby.sharepoint.com/sites/cse/Policy.docx)");
    expect(text).toContain("3 rated, 54 to go");
  });
});

describe("tenant isolation", () => {
  it("keeps two councils' assessments apart and refuses another council's campaign id", async () => {
    const alex = new TeamsClient(() => bot.url, stub.url, { tenantId: "tenant-charnwood", aadObjectId: "user-alex", name: "Alex Jones" });
    await alex.say("assess 3.2.1");
    const card = lastCard();
    expect(cardText(card)).toContain("Current rating: **Not yet rated**");
    expect(cardText(card)).toContain("0 rated, 57 to go");

    const oadbyCampaign = await bot.stores.campaigns.createOrGet({
      ...defaultCampaign("tenant-oadby", "oadby-review-2027", "user-sam", new Date()),
      name: "Annual review 2027",
    });
    await bot.stores.assessments.save("tenant-oadby", {
      campaignId: oadbyCampaign.id,
      unitId: "council",
      ref: "3.2.1",
      rating: "compliance-plus",
      narrative: "",
      evidence: [],
    });
    const tampered = await alex.invoke("cse.save", {
      campaignId: oadbyCampaign.id,
      ref: "3.2.1",
      baseRating: "compliance-plus",
      rating: "non-compliance",
    });
    expect(tampered.status).toBe(200);
    expect(tampered.body.type).toBe("application/vnd.microsoft.activity.message");
    expect(tampered.body.value).toContain("not in your organisation");
    const oadby = await bot.stores.assessments.get("tenant-oadby", oadbyCampaign.id, "council", "3.2.1");
    expect(oadby?.rating).toBe("compliance-plus");
    const charnwood = await bot.stores.assessments.listForUnit("tenant-charnwood", oadbyCampaign.id, "council");
    expect(charnwood.size).toBe(0);
  });
});
