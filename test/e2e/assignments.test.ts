/**
 * Assignments over HTTP: the officer installs the app (so the bot can reach them), a coordinator
 * assigns a sub-criterion in a channel by @mention, the officer is messaged one-to-one, sees it
 * in my work and opens it; someone else's edit to that element is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../support/bot.js";
import { ConnectorStub } from "../support/connector-stub.js";
import { cardText, findActions, findInputs, TeamsClient, type TeamsUser } from "../support/teams.js";

const TENANT = "tenant-assign-e2e";
const stub = new ConnectorStub();
let bot: Awaited<ReturnType<typeof startBot>>;
const user = (id: string, name: string): TeamsUser => ({ tenantId: TENANT, aadObjectId: id, name });
const CORA = user("user-cora", "Cora Coordinator");
const OLU = user("user-olu", "Olu Officer");
const PAT = user("user-pat", "Pat Other");
let olu: TeamsClient;

beforeAll(async () => {
  await stub.start();
  stub.members.push({ id: `29:${OLU.aadObjectId}`, name: OLU.name, aadObjectId: OLU.aadObjectId, userPrincipalName: "olu@council.gov.uk" });
  bot = await startBot();
  olu = new TeamsClient(() => bot.url, stub.url, OLU);
  await new TeamsClient(() => bot.url, stub.url, CORA).say("setup");
});

afterAll(async () => {
  await bot.close();
  await stub.stop();
});

const textsTo = (who: TeamsClient) => stub.sent.filter((s) => s.conversationId === who.conversationId && typeof s.body.text === "string").map((s) => s.body.text as string);
const lastCardTo = (who: TeamsClient) => [...stub.sent].reverse().find((s) => s.conversationId === who.conversationId && s.body.attachments)!.body.attachments[0].content;

describe("assigning elements in Teams", () => {
  it("assigns a sub-criterion by mention and tells the owner one-to-one", async () => {
    await olu.install();
    const channel = new TeamsClient(() => bot.url, stub.url, CORA, "channel");
    await channel.post({
      type: "message",
      text: "assign 3.2 <at>Olu Officer</at>",
      entities: [{ type: "mention", text: "<at>Olu Officer</at>", mentioned: { id: `29:${OLU.aadObjectId}`, name: OLU.name } }],
    });
    expect(stub.texts().find((t) => t.startsWith("Assigned"))).toBe('Assigned 3.2 Quality of Information (4 elements) in "CSE self-assessment 2026" to Olu Officer. Olu Officer has been told.');
    expect(textsTo(olu).at(-1)).toBe('Cora Coordinator has asked you to self-assess 3.2 Quality of Information (4 elements) in "CSE self-assessment 2026". Type my work to see your elements.');
  });

  it("shows the owner their elements in my work and opens the one they choose", async () => {
    await olu.say("my work");
    const card = lastCardTo(olu);
    expect(cardText(card)).toContain("My work: 4 elements");
    expect(findInputs(card)[0].choices.map((c: { value: string }) => c.value)).toEqual(["council 3.2.1", "council 3.2.2", "council 3.2.3", "council 3.2.4"]);
    const opened = await olu.press(card, "Open", { pick: "council 3.2.3" });
    expect(cardText(opened.body.value)).toContain("We have improved the range, content and quality of verbal, published and web based information");
    expect(findActions(opened.body.value).map((a) => a.title)).toContain("Submit for review");
  });

  it("refuses another officer's edit to an owned element, and stores nothing", async () => {
    const pat = new TeamsClient(() => bot.url, stub.url, PAT);
    await pat.say("assess 3.2.3");
    const reply = await pat.press(stub.cards().at(-1)!, "Save", { rating: "non-compliance" });
    expect(cardText(reply.body.value)).toContain("This element is assigned to Olu Officer");
    const [campaign] = await bot.stores.campaigns.list(TENANT);
    expect((await bot.stores.assessments.get(TENANT, campaign!.id, "council", "3.2.3"))?.rating).toBe("unrated");
  });
});
