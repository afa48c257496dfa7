/**
 * Bad input over HTTP: a clear refusal, nothing stored. And two people editing one element at
 * once: no lost update, the second is shown the newer value.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturingLogger, startBot } from "../support/bot.js";
import { ConnectorStub } from "../support/connector-stub.js";
import { cardText, findInputs, TeamsClient } from "../support/teams.js";
import { LIMITS } from "../../src/domain/limits.js";

const TENANT = "tenant-refusals";
const stub = new ConnectorStub();
let bot: Awaited<ReturnType<typeof startBot>>;
let sam: TeamsClient;
let priya: TeamsClient;
const logged = capturingLogger();
/** Log lines about refused card actions with this code, written since `from`. */
const refusedLines = (code: string, from = 0) => logged.lines.slice(from).filter((l) => l.msg === "card action refused" && l.code === code);

beforeAll(async () => {
  await stub.start();
  bot = await startBot({ log: logged.log });
  sam = new TeamsClient(() => bot.url, stub.url, { tenantId: TENANT, aadObjectId: "user-sam", name: "Sam Patel" });
  priya = new TeamsClient(() => bot.url, stub.url, { tenantId: TENANT, aadObjectId: "user-priya", name: "Priya Shah" });
});

afterAll(async () => {
  await bot.close();
  await stub.stop();
});

const openCard = async (who: TeamsClient, ref: string) => (await who.say(`assess ${ref}`), stub.cards().at(-1)!);
const campaignId = async () => (await bot.stores.campaigns.list(TENANT))[0]!.id;
const stored = async (ref: string) => bot.stores.assessments.get(TENANT, await campaignId(), "council", ref);

describe("refusals and concurrent edits", () => {
  it("keeps the first save and shows the second person the newer rating", async () => {
    const samCard = await openCard(sam, "1.2.1");
    const priyaCard = await openCard(priya, "1.2.1");
    await sam.press(samCard, "Save", { rating: "compliance" });
    const reply = await priya.press(priyaCard, "Save", { rating: "partial" });
    const text = cardText(reply.body.value);
    expect(text).toContain("Someone else changed the rating to Compliance while you were editing");
    expect(text).toContain("Current rating: **Compliance**");
    expect((await stored("1.2.1"))?.rating).toBe("compliance");
  });

  it("merges changes to different fields made at the same time", async () => {
    const samCard = await openCard(sam, "1.2.2");
    const priyaCard = await openCard(priya, "1.2.2");
    await sam.press(samCard, "Save", { rating: "compliance" });
    await priya.press(priyaCard, "Save", { narrative: "Consultation results are published as 'You said, we did'." });
    const after = await stored("1.2.2");
    expect(after?.rating).toBe("compliance");
    expect(after?.narrative).toBe("Consultation results are published as 'You said, we did'.");
  });

  it("refuses an oversize narrative in words, stores nothing, and logs the refusal", async () => {
    const before = await stored("1.2.1");
    const from = logged.lines.length;
    const card = await openCard(sam, "1.2.1");
    const reply = await sam.press(card, "Save", { narrative: "x".repeat(LIMITS.narrativeChars + 1) });
    expect(cardText(reply.body.value)).toContain(`the most is ${LIMITS.narrativeChars}`);
    expect(await stored("1.2.1")).toEqual(before);
    expect(refusedLines("text-too-long", from)).toMatchObject([{ tenant: TENANT, user: "user-sam", verb: "save", ref: "1.2.1" }]);
  });

  it("refuses an invalid rating sent by a tampered card, and logs it", async () => {
    const card = await openCard(sam, "1.3.1");
    const from = logged.lines.length;
    const reply = await sam.press(card, "Save", { rating: "super-compliant" });
    expect(cardText(reply.body.value)).toContain("That rating is not on the CSE scale");
    expect(await stored("1.3.1")).toBeUndefined();
    expect(refusedLines("invalid-rating", from)).toHaveLength(1);
  });

  it("refuses an unknown element and a malformed payload without storing anything", async () => {
    const id = await campaignId();
    const unknown = await sam.invoke("cse.save", { campaignId: id, ref: "9.9.9", rating: "compliance" });
    expect(unknown.body.value).toContain('There is no element "9.9.9"');
    const garbage = await sam.invoke("cse.save", { campaignId: { $ne: null }, ref: ["1.1.1"] });
    expect(garbage.body.value).toContain("That card's data was not valid");
    const from = logged.lines.length;
    const badVerb = await sam.invoke("cse.deleteEverything", { campaignId: id, ref: "1.1.1" });
    expect(badVerb.body.value).toContain("That card's data was not valid");
    expect(logged.lines.slice(from).filter((l) => l.msg === "card action with invalid payload refused")).toHaveLength(1);
    expect((await bot.stores.assessments.listForUnit(TENANT, id, "council")).has("9.9.9")).toBe(false);
    expect(await stored("1.1.1")).toBeUndefined();
  });

  it("answers a typed unknown element with the valid range", async () => {
    await sam.say("assess 7.1.1");
    expect(stub.texts().at(-1)).toContain("Elements run from 1.1.1 to 5.3.3");
  });

  it("says so when Save is pressed with nothing changed", async () => {
    const card = await openCard(sam, "1.2.1");
    const reply = await sam.press(card, "Save");
    expect(cardText(reply.body.value)).toContain("Nothing to save");
  });

  it("keeps typed text in the card when a link is refused", async () => {
    const card = await openCard(sam, "1.3.2");
    const reply = await sam.press(card, "Add link", {
      linkTitle: "Survey",
      linkUrl: "file:///C:/survey.xlsx",
      narrative: "Draft narrative",
    });
    const inputs = Object.fromEntries(findInputs(reply.body.value).map((i) => [i.id, i.value]));
    expect(inputs).toMatchObject({ linkTitle: "Survey", linkUrl: "file:///C:/survey.xlsx", narrative: "Draft narrative" });
    expect(await stored("1.3.2")).toBeUndefined();
  });

  it("points people in a channel to the one-to-one chat", async () => {
    const channel = new TeamsClient(() => bot.url, stub.url, { tenantId: TENANT, aadObjectId: "user-sam", name: "Sam Patel" }, "channel");
    await channel.say("assess");
    expect(stub.texts().at(-1)).toContain("Self-assessment happens in a one-to-one chat");
    const reply = await channel.invoke("cse.open", {});
    expect(reply.body.value).toContain("Self-assessment happens in a one-to-one chat");
  });

  it("refuses an activity whose two tenant ids disagree", async () => {
    const id = await campaignId();
    const reply = await sam.post({
      type: "invoke",
      name: "adaptiveCard/action",
      channelData: { tenant: { id: "another-council" } },
      value: {
        action: {
          type: "Action.Execute",
          verb: "cse.save",
          data: { verb: "cse.save", campaignId: id, ref: "1.1.2", rating: "compliance" },
        },
      },
    });
    expect(reply.body.value).toContain("could not tell which organisation");
    expect(await stored("1.1.2")).toBeUndefined();
  });
});
