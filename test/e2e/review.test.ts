/**
 * The review workflow over HTTP: an officer submits from the card, a reviewer returns it with a
 * comment, the officer is messaged one-to-one through the connector (a proactive message),
 * resubmits, and the reviewer approves. A leader cannot approve, whatever they send.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { teamsWorld } from "../support/e2e.js";
import { cardText, TeamsClient } from "../support/teams.js";

const world = teamsWorld("tenant-review-e2e");
const { stub, user, client, cardFor: lastCardFor, textsTo: messagesTo } = world;
const TENANT = "tenant-review-e2e";
const bot = world.bot;
const CORA = user("user-cora", "Cora Coordinator");
const RITA = world.member(user("user-rita", "Rita Reviewer"));
const OLU = user("user-olu", "Olu Officer");
const cora = client(CORA);
const rita = client(RITA);
const olu = client(OLU);

beforeAll(async () => {
  await cora.say("setup");
  await world.mention(client(CORA, "channel"), RITA, "role add reviewer");
});

describe("reviewing an element", () => {
  it("lets an officer save and submit in one press", async () => {
    await olu.say("assess 1.2.1");
    const reply = await olu.press(lastCardFor(olu), "Submit for review", {
      rating: "compliance",
      narrative: "Our engagement strategy sets methods per customer group.",
    });
    const text = cardText(reply.body.value);
    expect(text).toContain("Submitted for review.");
    expect(text).toContain("Status: **Submitted for review by Olu Officer**");
  });

  it("does not let a person without the reviewer role approve", async () => {
    await cora.say("assess 1.2.1");
    const [campaign] = await bot().stores.campaigns.list(TENANT);
    const reply = await new TeamsClient(() => bot().url, stub.url, user("user-lee", "Lee")).invoke("cse.approve", {
      campaignId: campaign!.id,
      ref: "1.2.1",
    });
    expect(cardText(reply.body.value)).toContain("Only a reviewer or a CSE coordinator can approve or return an element.");
    expect((await bot().stores.assessments.get(TENANT, campaign!.id, "council", "1.2.1"))?.status).toBe("submitted");
  });

  it("lets the reviewer return it with a comment, and messages the officer one-to-one", async () => {
    await rita.say("assess 1.2.1");
    const card = lastCardFor(rita);
    expect(cardText(card)).toContain("Status: **Submitted for review by Olu Officer**");
    const reply = await rita.press(card, "Return for changes", { comment: "Please link the consultation calendar." });
    expect(cardText(reply.body.value)).toContain("Returned for changes. Olu Officer has been told.");
    expect(messagesTo(olu).at(-1)).toBe(
      'Rita Reviewer returned element 1.2.1 in "CSE self-assessment 2026" for changes: "Please link the consultation calendar.". Type assess 1.2.1 to update it and submit it again.',
    );
  });

  it("shows the officer the comment, takes the fix and the resubmission, and the reviewer approves", async () => {
    await olu.say("assess 1.2.1");
    const card = lastCardFor(olu);
    expect(cardText(card)).toContain('Returned for changes: "Please link the consultation calendar."');
    const linked = await olu.press(card, "Add link", {
      linkTitle: "Consultation calendar",
      linkUrl: "https://council.gov.uk/consultations",
    });
    await olu.press(linked.body.value, "Submit for review");
    await rita.say("assess 1.2.1");
    const approved = await rita.press(lastCardFor(rita), "Approve");
    expect(cardText(approved.body.value)).toContain("Status: **Approved**");
    expect(messagesTo(olu).at(-1)).toBe('Rita Reviewer approved element 1.2.1 in "CSE self-assessment 2026". Thank you!');
  });
});
