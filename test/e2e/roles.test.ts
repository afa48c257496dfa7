/** Role commands over HTTP, as Teams sends them: setup, role add/remove by @mention, roles, read-only leaders. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../support/bot.js";
import { ConnectorStub } from "../support/connector-stub.js";
import { cardText, TeamsClient, type TeamsUser } from "../support/teams.js";

const TENANT = "tenant-roles-e2e";
const stub = new ConnectorStub();
let bot: Awaited<ReturnType<typeof startBot>>;
const user = (id: string, name: string): TeamsUser => ({ tenantId: TENANT, aadObjectId: id, name });
const SAM = user("user-sam", "Sam Patel");
const PRIYA = user("user-priya", "Priya Shah");
const LEE = user("user-lee", "Lee Morgan");

beforeAll(async () => {
  await stub.start();
  for (const p of [SAM, PRIYA, LEE])
    stub.members.push({
      id: `29:${p.aadObjectId}`,
      name: p.name,
      aadObjectId: p.aadObjectId,
      userPrincipalName: `${p.aadObjectId}@council.gov.uk`,
    });
  bot = await startBot();
});

afterAll(async () => {
  await bot.close();
  await stub.stop();
});

const inChannel = (who: TeamsUser) => new TeamsClient(() => bot.url, stub.url, who, "channel");
const mention = (who: TeamsUser, text: string) => ({
  type: "message",
  text: `${text} <at>${who.name}</at>`,
  entities: [{ type: "mention", text: `<at>${who.name}</at>`, mentioned: { id: `29:${who.aadObjectId}`, name: who.name } }],
});
const lastText = () => stub.texts().at(-1);

describe("roles in Teams", () => {
  it("makes the first person to type setup the coordinator", async () => {
    await inChannel(SAM).say("setup");
    expect(lastText()).toContain("You are now this council's CSE coordinator");
    await inChannel(PRIYA).say("setup");
    expect(lastText()).toContain("already has a CSE coordinator (Sam Patel)");
  });

  it("lets the coordinator give roles by mentioning people", async () => {
    await inChannel(SAM).post(mention(PRIYA, "role add reviewer"));
    expect(lastText()).toBe("Priya Shah is now a Reviewer.");
    await inChannel(SAM).post(mention(LEE, "role add leader"));
    expect(lastText()).toBe("Lee Morgan is now a Leader (read-only).");
    expect((await bot.stores.roles.get(TENANT, PRIYA.aadObjectId))?.roles).toEqual(["reviewer"]);
  });

  it("refuses a role change by someone who is not a coordinator, and changes nothing", async () => {
    await inChannel(PRIYA).post(mention(LEE, "role remove leader"));
    expect(lastText()).toContain("Only a CSE coordinator can give or remove roles");
    expect((await bot.stores.roles.get(TENANT, LEE.aadObjectId))?.roles).toEqual(["leader"]);
  });

  it("refuses a person the connector does not know, and a command with no mention", async () => {
    const stranger = user("user-stranger", "Stranger Danger");
    await inChannel(SAM).post(mention(stranger, "role add reviewer"));
    expect(lastText()).toContain("I could not tell who you mean");
    await inChannel(SAM).say("role add reviewer");
    expect(lastText()).toContain("I could not tell who you mean");
    await inChannel(SAM).say("role add superuser");
    expect(lastText()).toContain("roles: coordinator, reviewer, contributor, leader");
    expect(await bot.stores.roles.get(TENANT, stranger.aadObjectId)).toBeUndefined();
  });

  it("adds a lead coordinator to the current campaign once they are a coordinator", async () => {
    await inChannel(SAM).post(mention(PRIYA, "lead add"));
    expect(lastText()).toContain("Priya Shah is not a CSE coordinator yet");
    await inChannel(SAM).post(mention(PRIYA, "role add coordinator"));
    await inChannel(SAM).post(mention(PRIYA, "lead add"));
    expect(lastText()).toMatch(/^Priya Shah now leads "CSE self-assessment \d{4}"/);
    await inChannel(SAM).post(mention(PRIYA, "role remove coordinator"));
  });

  it("lists who holds which role", async () => {
    await inChannel(LEE).say("roles");
    const text = lastText()!;
    expect(text).toContain("CSE coordinator: Sam Patel");
    expect(text).toContain("Reviewer: Priya Shah");
    expect(text).toContain("Leader (read-only): Lee Morgan");
    expect(text).toContain("Contributor: nobody yet");
  });

  it("shows a leader the element but refuses their edits in the card", async () => {
    const lee = new TeamsClient(() => bot.url, stub.url, LEE);
    await lee.say("assess 2.1.1");
    const card = stub.cards().at(-1)!;
    const reply = await lee.press(card, "Save", { rating: "compliance-plus" });
    expect(cardText(reply.body.value)).toContain("You have read-only access (Leader)");
    const [campaign] = await bot.stores.campaigns.list(TENANT);
    expect(await bot.stores.assessments.get(TENANT, campaign!.id, "council", "2.1.1")).toBeUndefined();
  });
});
