/**
 * Assigning work with a people picker, no channel needed: `assign` (or Assign on the overview or
 * an element card) gives the coordinator a card whose "Who" typeahead the bot answers
 * (application/search) from the people it knows in the organisation: team members from when it
 * was added to a team, and people who wrote to it. Never another organisation's people; a picked
 * id the bot does not know is refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { cardProblems, expectTeamsReady } from "../support/card-checks.js";
import { teamsWorld } from "../support/e2e.js";
import { BOT, cardText, findActions, findInputs, TeamsClient, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-picker-e2e";
const world = teamsWorld(TENANT);
const { user, client, cardFor, textsTo } = world;
const cora = client(user("user-cora", "Cora Coordinator"));
const coraInTeam = client(user("user-cora", "Cora Coordinator"), "channel");
const olu = client(user("user-olu", "Olu Officer"));
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;

/** The typeahead's request, as Teams sends it while someone types in the "Who" box. */
const search = (who: TeamsClient, queryText: string, dataset = "cse.people") =>
  who.post({ type: "invoke", name: "application/search", value: { queryText, dataset, queryOptions: { top: 15, skip: 0 } } });
const titles = (reply: InvokeReply) => (reply.body?.value?.results ?? []).map((r: { title: string }) => r.title);

beforeAll(async () => {
  await cora.say("setup");
  await cora.say("assess");
  await olu.say("assess 1.1.1");
  for (const [id, name] of [
    ["user-megan", "Megan Bowen"],
    ["user-nestor", "Nestor Wilke"],
    ["user-meg2", "Megan Jones"],
  ] as const)
    world.member(user(id, name));
  // The app is added to the Customer Experience team: its members become people the bot knows.
  await coraInTeam.post({
    type: "conversationUpdate",
    membersAdded: [{ id: BOT.id }],
    channelData: { tenant: { id: TENANT }, team: { id: "19:cx@thread.tacv2" } },
  });
  // Another council's people, who must never be offered.
  const stranger = new TeamsClient(
    () => world.bot().url,
    () => world.stub.url,
    { tenantId: "tenant-other", aadObjectId: "user-mel", name: "Melanie Other" },
  );
  await stranger.say("assess");
});

describe("the people picker", () => {
  it("answers the typeahead from the roster and the people who chatted, by name, only in the asker's organisation", async () => {
    const megs = await search(cora, "meg");
    expect(megs.status).toBe(200);
    expect(megs.body).toMatchObject({ type: "application/vnd.microsoft.search.searchResponse" });
    expect(titles(megs)).toEqual(["Megan Bowen", "Megan Jones"]);
    expect(megs.body.value.results[0]).toEqual({ title: "Megan Bowen", value: "user-megan" });
    expect(titles(await search(cora, "o"))).toEqual(
      expect.arrayContaining(["Cora Coordinator", "Olu Officer", "Nestor Wilke", "Megan Bowen"]),
    );
    expect(titles(await search(cora, "Mel"))).toEqual([]);
    expect(titles(await search(cora, "meg", "cse.somethingElse"))).toEqual([]);
  });

  it("`assign 3.2` in the one-to-one chat opens the card: Who from the typeahead, What chosen already", async () => {
    await cora.say("assign 3.2");
    const form = cardFor(cora);
    expectTeamsReady(form, /^assign(ee|Scope)$/, /^cse\.assignCreate$/);
    expect(cardProblems(form)).toEqual([]);
    const [who, what] = findInputs(form);
    expect(who).toMatchObject({
      id: "assignee",
      style: "filtered",
      isRequired: true,
      "choices.data": { type: "Data.Query", dataset: "cse.people" },
    });
    // Before anything is typed: the first people the bot knows, by name.
    expect(who.choices.map((c: { title: string }) => c.title)).toEqual([
      "Cora Coordinator",
      "Megan Bowen",
      "Megan Jones",
      "Nestor Wilke",
      "Olu Officer",
    ]);
    expect(what).toMatchObject({ id: "assignScope", value: "3.2" });
    expect(what.choices.map((c: { value: string }) => c.value)).toEqual(expect.arrayContaining(["3", "3.2", "3.2.1"]));
  });

  it("Assign gives the elements to the picked person, who is told, with the same notices as assign @name", async () => {
    await cora.say("assign 3.2");
    const done = await cora.press(cardFor(cora), "Assign", { assignee: "user-olu", assignScope: "3.2" });
    expect(String(done.body.value)).toContain("Assigned 3.2 Quality of Information (4 elements)");
    expect(String(done.body.value)).toContain("Olu Officer has been told.");
    expect(textsTo(olu).at(-1)).toContain("3.2");
    await olu.say("my work");
    expect(cardText(cardFor(olu))).toContain("3.2.1");
  });

  it("a picked id the bot does not know, another organisation's person, a bad scope or a non-coordinator changes nothing", async () => {
    await cora.say("assign 3.3");
    const form = cardFor(cora);
    expect(String((await cora.press(form, "Assign", { assignee: "user-mel", assignScope: "3.3" })).body.value)).toContain(
      "I do not know that person, so nothing was assigned.",
    );
    expect(String((await cora.press(form, "Assign", { assignee: "", assignScope: "3.3" })).body.value)).toContain(
      "I do not know that person",
    );
    expect(String((await cora.press(form, "Assign", { assignee: "user-olu", assignScope: "9.9" })).body.value)).toContain(
      '"9.9" is not a criterion, sub-criterion or element',
    );
    expect(String((await olu.invoke("cse.assignCreate", { assignee: "user-olu", assignScope: "3.3" })).body.value)).toContain(
      "Only a CSE coordinator can assign elements.",
    );
    await olu.say("assign 3.3");
    expect(textsTo(olu).at(-1)).toContain("Only a CSE coordinator can assign elements.");
    const campaignId = (await world.bot().stores.campaigns.activeCampaignId(TENANT))!;
    const stored = await world.bot().stores.assessments.listForUnit(TENANT, campaignId, "council");
    expect([...stored.values()].filter((a) => a.ref.startsWith("3.3.") && a.ownerId)).toEqual([]);
  });

  it("the overview and the element card offer Assign to coordinators, and only to them", async () => {
    await cora.say("overview");
    expect(findActions(cardFor(cora)).map((a) => a.title)).toContain("Assign work");
    await cora.say("assess 4.2.1");
    const element = cardFor(cora);
    const assign = findActions(element).find((a) => a.title === "Assign");
    expect(assign?.data.ref).toBe("4.2.1");
    const form = card(await cora.press(element, "Assign"));
    expect(findInputs(form).find((i) => i.id === "assignScope")?.value).toBe("4.2.1");
    await olu.say("assess 4.2.1");
    expect(findActions(cardFor(olu)).map((a) => a.title)).not.toContain("Assign");
  });
});
