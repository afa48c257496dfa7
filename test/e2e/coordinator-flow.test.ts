/**
 * Issue 3's whole flow over HTTP, as Teams would carry it: a coordinator sets up a campaign with
 * two units, assigns a sub-criterion to an officer in the team (who is messaged), the officer
 * self-assesses and submits, the reviewer returns it and then approves it, the coordinator sees
 * the roll-up and signs off; after that, edits are refused.
 */
import { describe, expect, it } from "vitest";
import { teamsWorld } from "../support/e2e.js";
import { cardText, findActions, findInputs, type TeamsUser } from "../support/teams.js";

const TENANT = "tenant-flow";
const world = teamsWorld(TENANT);
const { user, client, cardFor, textsTo, stub } = world;
const CORA = user("user-cora", "Cora Coordinator");
const RITA = world.member(user("user-rita", "Rita Reviewer"));
const OLU = world.member(user("user-olu", "Olu Officer"));
const cora = client(CORA);
const rita = client(RITA);
const olu = client(OLU);
const channel = client(CORA, "channel");
const mention = (who: TeamsUser, text: string) => world.mention(channel, who, text);
const bot = world.bot;
const campaignId = async () => (await bot().stores.campaigns.list(TENANT)).find((c) => c.name === "CSE annual review 2027")!.id;

describe("a coordinator runs a campaign with two units, end to end", () => {
  it("sets up roles, the campaign and its units, and opens it", async () => {
    await cora.say("setup");
    await mention(RITA, "role add reviewer");
    await olu.install();
    await cora.say("campaign new");
    const created = await cora.press(cardFor(cora), "Create as draft", {
      name: "CSE annual review 2027",
      type: "annual-review-1",
      units: "Corporate Services\nLandlord Services",
      dueDate: "2030-03-31",
    });
    const id = await campaignId();
    const opened = await cora.press(created.body.value, "Open it", {}, (a) => a.data.campaignId === id);
    expect(cardText(opened.body.value)).toContain('"CSE annual review 2027" is now open.');
  });

  it("assigns 3.2 in Landlord Services to the officer, who is messaged", async () => {
    await cora.say("unit Landlord Services");
    await mention(OLU, "assign 3.2");
    expect(
      stub
        .texts()
        .filter((t) => t.startsWith("Assigned"))
        .at(-1),
    ).toBe(
      'Assigned 3.2 Quality of Information (4 elements) in "CSE annual review 2027" (Landlord Services) to Olu Officer. Olu Officer has been told.',
    );
    expect(textsTo(olu).at(-1)).toContain(
      'Cora Coordinator has asked you to self-assess 3.2 Quality of Information (4 elements) in "CSE annual review 2027" (Landlord Services), due 31 Mar 2030.',
    );
  });

  it("lets the officer find the work, self-assess and submit", async () => {
    await olu.say("my work");
    const work = cardFor(olu);
    expect(findInputs(work)[0].choices.map((c: { value: string }) => c.value)).toEqual([
      "landlord-services 3.2.1",
      "landlord-services 3.2.2",
      "landlord-services 3.2.3",
      "landlord-services 3.2.4",
    ]);
    const opened = await olu.press(work, "Open", { pick: "landlord-services 3.2.1" });
    expect(cardText(opened.body.value)).toContain("Unit: Landlord Services");
    const linked = await olu.press(opened.body.value, "Add link", {
      linkTitle: "Accessible formats policy",
      linkUrl: "https://council.sharepoint.com/formats.pdf",
    });
    const submitted = await olu.press(linked.body.value, "Submit for review", {
      rating: "compliance",
      narrative: "Information comes in print, online, easy read and BSL video.",
    });
    expect(cardText(submitted.body.value)).toContain("Status: **Submitted for review by Olu Officer**");
  });

  it("lets the reviewer return it with a comment and then approve the fix, telling the officer each time", async () => {
    await rita.say("unit Landlord Services");
    await rita.say("assess 3.2.1");
    const returned = await rita.press(cardFor(rita), "Return for changes", { comment: "Please add the BSL video link." });
    expect(cardText(returned.body.value)).toContain("Returned for changes. Olu Officer has been told.");
    expect(textsTo(olu).at(-1)).toContain(
      'returned element 3.2.1 in "CSE annual review 2027" for changes: "Please add the BSL video link."',
    );

    await olu.say("assess 3.2.1");
    const fixed = await olu.press(cardFor(olu), "Add link", { linkTitle: "BSL video", linkUrl: "https://council.gov.uk/bsl" });
    await olu.press(fixed.body.value, "Submit for review");
    await rita.say("assess 3.2.1");
    const approved = await rita.press(cardFor(rita), "Approve");
    expect(cardText(approved.body.value)).toContain("Status: **Approved**");
    expect(textsTo(olu).at(-1)).toBe('Rita Reviewer approved element 3.2.1 in "CSE annual review 2027". Thank you!');
  });

  it("shows the coordinator the roll-up, then signs off", async () => {
    await cora.say("overview");
    const text = cardText(cardFor(cora));
    expect(text).toMatch(/Approved\s+\*\*1\*\* of 114/);
    expect(text).toContain("Landlord Services 1 rated, 1 submitted, 1 approved of 57");
    expect(text).toContain("Olu Officer 1 of 4 submitted");
    expect(text).toContain("110 of 114 elements have no owner yet.");
    await cora.say("campaigns");
    const id = await campaignId();
    const review = await cora.press(cardFor(cora), "Move to review", {}, (a) => a.data.campaignId === id);
    const signed = await cora.press(review.body.value, "Sign off", {}, (a) => a.data.campaignId === id);
    expect(cardText(signed.body.value)).toContain("It is read-only from now on.");
  });

  it("shows signed-off elements as the record they are, and refuses a save from an older card, for the owner and the coordinator alike", async () => {
    for (const who of [olu, cora]) {
      await who.say("unit Landlord Services");
      await who.say("assess 3.2.2");
      const card = cardFor(who);
      expect(cardText(card)).toContain("This campaign is signed off: this card is its record, and nothing on it can be changed.");
      expect(findActions(card).map((a) => a.title)).not.toEqual(expect.arrayContaining(["Save"]));
      expect(findActions(card).map((a) => a.title)).toEqual(expect.arrayContaining(["Back", "Save and next", "My progress"]));
      // A card sent before the sign-off still has its Save button: the server refuses it.
      const back = findActions(card).find((a) => a.title === "Back")!;
      const reply = await who.invoke("cse.save", { ...back.data, rating: "partial" });
      expect(cardText(reply.body.value)).toContain("is signed off, so it can no longer be changed");
      // Moving on from it still works.
      const moved = await who.press(card, "Save and next");
      expect(cardText(moved.body.value)).toContain("3.2.3");
    }
    expect((await bot().stores.assessments.get(TENANT, await campaignId(), "landlord-services", "3.2.2"))?.rating).toBe("unrated");
  });
});
