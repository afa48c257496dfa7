/**
 * Assignments over HTTP: the officer installs the app (so the bot can reach them), a coordinator
 * assigns a sub-criterion in a channel by @mention, the officer is messaged one-to-one, sees it
 * in my work and opens it; someone else's edit to that element is refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { teamsWorld } from "../support/e2e.js";
import { cardText, findActions, findInputs } from "../support/teams.js";

const TENANT = "tenant-assign-e2e";
const world = teamsWorld(TENANT);
const { user, client, stub, textsTo, cardFor: lastCardTo } = world;
const bot = world.bot;
const CORA = user("user-cora", "Cora Coordinator");
const OLU = world.member(user("user-olu", "Olu Officer"));
const PAT = user("user-pat", "Pat Other");
const olu = client(OLU);

beforeAll(async () => {
  await client(CORA).say("setup");
});

describe("assigning elements in Teams", () => {
  it("assigns a sub-criterion by mention and tells the owner one-to-one", async () => {
    await olu.install();
    await world.mention(client(CORA, "channel"), OLU, "assign 3.2");
    expect(stub.texts().find((t) => t.startsWith("Assigned"))).toBe(
      'Assigned 3.2 Quality of Information (4 elements) in "CSE self-assessment 2026" to Olu Officer. Olu Officer has been told.',
    );
    expect(textsTo(olu).at(-1)).toBe(
      'Cora Coordinator has asked you to self-assess 3.2 Quality of Information (4 elements) in "CSE self-assessment 2026". Type my work to see your elements.',
    );
  });

  it("tells an owner who never chatted with the bot in a one-to-one chat it opens, as reminders do", async () => {
    const megan = world.member(user("user-megan", "Megan Bowen"));
    stub.createdConversations.length = 0;
    await world.mention(client(CORA, "channel"), megan, "assign 2.1");
    expect(
      stub
        .texts()
        .filter((t) => t.startsWith("Assigned 2.1"))
        .at(-1),
    ).toContain("Megan Bowen has been told.");
    expect(stub.createdConversations.map((c) => c.memberId)).toEqual(["user-megan"]);
    const opened = stub.createdConversations[0]!.id;
    expect(stub.sent.filter((s) => s.conversationId === opened).map((s) => s.body.text)).toEqual([
      expect.stringContaining("Cora Coordinator has asked you to self-assess 2.1"),
    ]);
    // The chat is kept: the next message goes there, without opening another.
    const stored = await bot().stores.participants.get(TENANT, "user-megan");
    expect(JSON.parse(stored!.conversation!).conversation.id).toBe(opened);
    await world.mention(client(CORA, "channel"), megan, "assign 2.2");
    expect(stub.createdConversations).toHaveLength(1);
    expect(stub.sent.filter((s) => s.conversationId === opened)).toHaveLength(2);
  });

  it("shows the owner their elements in my work and opens the one they choose", async () => {
    await olu.say("my work");
    const card = lastCardTo(olu);
    expect(cardText(card)).toContain("My work: 4 elements");
    expect(findInputs(card)[0].choices.map((c: { value: string }) => c.value)).toEqual([
      "council 3.2.1",
      "council 3.2.2",
      "council 3.2.3",
      "council 3.2.4",
    ]);
    const opened = await olu.press(card, "Open", { pick: "council 3.2.3" });
    expect(cardText(opened.body.value)).toContain(
      "We have improved the range, content and quality of verbal, published and web based information",
    );
    expect(findActions(opened.body.value).map((a) => a.title)).toContain("Submit for review");
  });

  it("refuses another officer's edit to an owned element, and stores nothing", async () => {
    const pat = client(PAT);
    await pat.say("assess 3.2.3");
    const reply = await pat.press(stub.cards().at(-1)!, "Save", { rating: "non-compliance" });
    expect(cardText(reply.body.value)).toContain("This element is assigned to Olu Officer");
    const [campaign] = await bot().stores.campaigns.list(TENANT);
    expect((await bot().stores.assessments.get(TENANT, campaign!.id, "council", "3.2.3"))?.rating).toBe("unrated");
  });

  it("tells the owner even when Teams throttles the message once (Retry-After honoured), and says when they cannot be reached", async () => {
    stub.failTimes(olu.conversationId, 429, 1, { "Retry-After": "1" });
    const throttledBefore = stub.throttled;
    const started = Date.now();
    await world.mention(client(CORA, "channel"), OLU, "assign 3.3");
    expect(
      stub
        .texts()
        .filter((t) => t.startsWith("Assigned 3.3"))
        .at(-1),
    ).toContain("Olu Officer has been told.");
    expect(textsTo(olu).at(-1)).toContain("has asked you to self-assess 3.3");
    expect(stub.throttled).toBe(throttledBefore + 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);

    // The app was removed for Olu: 403 is final, and the coordinator is told so.
    stub.failConversation(olu.conversationId, 403);
    await world.mention(client(CORA, "channel"), OLU, "assign 3.4");
    expect(
      stub
        .texts()
        .filter((t) => t.startsWith("Assigned 3.4"))
        .at(-1),
    ).toContain("I could not reach Olu Officer in Teams (the app may not be installed for them), so they have not been told");
    stub.reset();
  });
});
