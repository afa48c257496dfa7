/**
 * A link typed into the element card is never lost: whichever button saves (Save, Save and next,
 * Back, Submit for review), the link is stored with the rating and narrative, or the whole press
 * is refused in words with every input kept.
 */
import { describe, expect, it } from "vitest";
import { teamsWorld } from "../support/e2e.js";
import { cardText, findInputs } from "../support/teams.js";

const world = teamsWorld("tenant-typed-links");
const campaignId = async () => (await world.bot().stores.campaigns.list("tenant-typed-links"))[0]!.id;
const stored = async (ref: string) => world.bot().stores.assessments.get("tenant-typed-links", await campaignId(), "council", ref);

describe("a link typed into the card", () => {
  it.each([
    ["Save", "1.1.1"],
    ["Save and next", "1.1.2"],
    ["Back", "1.1.3"],
    ["Submit for review", "1.2.1"],
  ])("is stored when %s is pressed instead of Add link", async (button, ref) => {
    const sam = world.client(world.user(`user-${ref}`, "Sam Patel"));
    await sam.say(`assess ${ref}`);
    const url = `https://oadby.sharepoint.com/sites/cse/insight-${ref}.docx`;
    const reply = await sam.press(world.cardFor(sam), button, {
      rating: "compliance",
      narrative: "Our customer insight report, linked below.",
      linkTitle: `Customer insight ${ref}`,
      linkUrl: url,
    });
    expect(reply.status).toBe(200);
    const element = await stored(ref);
    expect(element?.rating).toBe("compliance");
    expect(element?.evidence.map((l) => [l.title, l.url])).toEqual([[`Customer insight ${ref}`, url]]);
    const history = await world.bot().stores.assessments.history("tenant-typed-links", await campaignId(), "council", ref);
    expect(history.some((h) => h.field === "evidence" && h.to.includes(url))).toBe(true);
  });

  it("refuses the whole press in words when the typed link is not valid, storing nothing and keeping every input", async () => {
    const sam = world.client(world.user("user-bad-link", "Sam Patel"));
    await sam.say("assess 2.1.1");
    const typed = { rating: "partial", narrative: "Draft narrative.", linkTitle: "Pay here", linkUrl: "javascript:alert(1)" };
    const reply = await sam.press(world.cardFor(sam), "Save", typed);
    const card = reply.body.value;
    expect(cardText(card)).toMatch(/web address|https/i);
    expect(await stored("2.1.1")).toBeUndefined();
    const inputs = Object.fromEntries(findInputs(card).map((i) => [i.id, i.value]));
    expect(inputs).toMatchObject(typed);
  });

  it("says so when Save adds the link too", async () => {
    const sam = world.client(world.user("user-says", "Sam Patel"));
    await sam.say("assess 2.1.2");
    const reply = await sam.press(world.cardFor(sam), "Save", {
      linkTitle: "Complaints policy",
      linkUrl: "https://www.oadby-wigston.gov.uk/complaints",
    });
    expect(cardText(reply.body.value)).toContain("Saved, with the link you typed.");
    expect(cardText(reply.body.value)).toContain("Complaints policy");
  });
});
