/**
 * Reminders in Teams, over HTTP: the card a person receives at 09:00, its buttons (done, snooze,
 * note) answered with the same reminder and that item marked, a forged button refused, the
 * coordinator's `reminders` status, and one-to-one chats opened when the app joins a team.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/adapter.js";
import { fixedClock } from "../../src/clock.js";
import { COUNCIL_UNIT, emptyAssessment } from "../../src/domain/assessment.js";
import { defaultCampaign } from "../../src/domain/campaign.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createReminderJob } from "../../src/reminders.js";
import { teamsWorld } from "../support/e2e.js";
import { LETTERS } from "../support/service-standards.js";
import { BOT, cardText, findActions, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-reminders-e2e";
const clock = fixedClock("2026-11-02T10:00:00Z");
const world = teamsWorld(TENANT, { clock });
const { user, client, stub, cardFor } = world;
const CORA = user("user-cora", "Cora Coordinator");
const MEGAN = user("user-megan", "Megan Bowen");
const ADELE = user("user-adele", "Adele Vance");
const megan = client(MEGAN);
const adele = client(ADELE);
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;
const DAY = "2026-11-25";

async function runReminders(day: string) {
  const job = createReminderJob(world.bot().stores, createAdapter(loadConfig({})), "", clock, createLogger("silent"), {
    backoff: { attempts: 2, baseMs: 5, capMs: 10 },
  });
  return job.run(day);
}

beforeAll(async () => {
  await client(CORA).say("setup");
  await megan.install();
  await adele.install();
  for (const [title, dueOn, refs] of [
    ["Publish service standards for housing repairs", "2026-11-26", "3.2.1"],
    ["Survey residents about the new portal", "2026-12-04", "1.2.1, 4.1.2"],
    ["Train front-line staff on complaints", "2026-11-26", "5.2.1"],
  ]) {
    const reply = await megan.invoke("cse.actionCreate", { title, dueOn, refs, priority: "high" });
    expect(cardText(card(reply))).toContain("created");
  }
  await adele.invoke("cse.actionCreate", { title: "Adele's own action", dueOn: "2026-11-26", refs: "2.1.1", priority: "low" });
  clock.set(`${DAY}T09:05:00Z`);
  stub.clear();
  expect((await runReminders(DAY)).sent).toBe(2);
});

describe("the reminder card", () => {
  it("arrives in the person's one-to-one chat at 09:00 with everything due that day", () => {
    const reminder = cardFor(megan);
    const text = cardText(reminder);
    expect(text).toContain("3 things need you");
    expect(text).toContain("Publish service standards for housing repairs");
    expect(text).toContain("Survey residents about the new portal");
    expect(text).toContain("26 Nov 2026");
    expect(findActions(reminder).filter((a) => a.title === "Mark done")).toHaveLength(3);
  });

  it("marks an action done from the reminder and shows the same reminder with it ticked off", async () => {
    const reminder = cardFor(megan);
    const reply = await megan.press(reminder, "Mark done", {}, (a) => a.data.id === "1");
    const text = cardText(card(reply));
    expect(text).toContain("Action 1 is now done.");
    expect(text).toContain("Done \u2714");
    expect(text).toContain("Survey residents about the new portal"); // the rest stay in reach
    const stored = await world.bot().stores.actions.get(TENANT, "1");
    expect(stored).toMatchObject({ status: "done" });
    expect(stored?.remindOn).toBeUndefined(); // no more reminders
  });

  it("snoozes a week and saves a progress note from the reminder", async () => {
    const reminder = cardFor(megan);
    const snoozed = await megan.press(reminder, "A week", {}, (a) => a.data.id === "2");
    expect(cardText(card(snoozed))).toContain("snoozed until 2 Dec 2026");
    expect((await world.bot().stores.actions.get(TENANT, "2"))?.snoozedUntil).toBe("2026-12-02");

    const noted = await megan.press(card(snoozed), "Save note", { "note-3": "Sessions booked for January." }, (a) => a.data.id === "3");
    expect(cardText(card(noted))).toContain("Progress note added to action 3.");
    expect((await world.bot().stores.actions.notes(TENANT, "3"))[0]?.text).toBe("Sessions booked for January.");
  });

  it("refuses a reminder button for someone else's action, changing nothing", async () => {
    const before = await world.bot().stores.actions.get(TENANT, "4");
    const reply = await megan.invoke("cse.actionStatus", { id: "4", to: "done", day: DAY });
    expect(cardText(card(reply))).toContain("Only the action's owner or a CSE coordinator can change it.");
    expect(await world.bot().stores.actions.get(TENANT, "4")).toEqual(before);
  });
});

describe("reaching people", () => {
  it("shows coordinators who cannot be reached", async () => {
    const cora = client(CORA);
    await megan.say("reminders");
    expect(world.textsTo(megan).at(-1)).toContain("Only a CSE coordinator");
    await world
      .bot()
      .stores.participants.markUnreachable(
        TENANT,
        "user-adele",
        "Adele Vance",
        "the app was removed or is not installed for them",
        clock.now().toISOString(),
      );
    await cora.say("reminders");
    const status = world.textsTo(cora).at(-1)!;
    expect(status).toContain("2 sent");
    expect(status).toContain("Adele Vance (2026-11-25 the app was removed or is not installed for them)");
  });

  it("counts, for coordinators, the owners of elements and of service standards who never chatted, as well as of actions", async () => {
    const stores = world.bot().stores;
    const cora = client(CORA);
    await cora.say("reminders");
    expect(world.textsTo(cora).at(-1)).not.toContain("never chatted");
    const campaign = await stores.campaigns.createOrGet(defaultCampaign(TENANT, "cse-2026", "user-cora", clock.now()));
    await stores.campaigns.setActiveIfNone(TENANT, campaign.id);
    await stores.assessments.save(TENANT, {
      ...emptyAssessment(campaign.id, COUNCIL_UNIT, "1.1.1"),
      ownerId: "user-ella",
      ownerName: "Ella",
    });
    await stores.standards.create(
      TENANT,
      { ...LETTERS, owner: { userId: "user-sid", name: "Sid" } },
      { by: { userId: "user-cora", name: "Cora" }, at: clock.now().toISOString() },
    );
    await cora.say("reminders");
    expect(world.textsTo(cora).at(-1)).toContain(
      "2 people have work I remind about (improvement actions, elements, service standards' figures) but never chatted with me",
    );
  });

  it("opens a one-to-one chat with members who have work but never wrote to the bot, when the app joins a team", async () => {
    const nestor = world.member(user("user-nestor", "Nestor Wilke"));
    world.member(user("user-lynne", "Lynne Robbins")); // in the team, nothing assigned
    await megan.invoke("cse.actionCreate", { title: "Something for Nestor", dueOn: "2026-12-18", refs: "3.1.1" });
    const cora = client(CORA, "channel");
    await client(CORA).invoke("cse.actionCreate", { title: "Nestor's action", dueOn: "2026-12-18", refs: "3.1.2" });
    await cora.say("action 6 owner"); // without a mention: usage, nothing changes
    // The app is not installed for Nestor yet, so the bot cannot tell him about his new action.
    stub.uninstalledFor.add("user-nestor");
    await world.mention(cora, nestor, "action 6 owner");
    stub.uninstalledFor.delete("user-nestor");
    expect((await world.bot().stores.actions.get(TENANT, "6"))?.owner.userId).toBe("user-nestor");
    expect(world.textsTo(cora).at(-1)).toContain("I could not reach Nestor Wilke in Teams");

    stub.createdConversations.length = 0;
    await cora.post({
      type: "conversationUpdate",
      membersAdded: [{ id: BOT.id }],
      channelData: { tenant: { id: TENANT }, team: { id: "19:team@thread.tacv2" } },
    });
    expect(stub.createdConversations.map((c) => c.memberId)).toEqual(["user-nestor"]);
    const stored = await world.bot().stores.participants.get(TENANT, "user-nestor");
    expect(JSON.parse(stored!.conversation!).conversation.id).toBe(stub.createdConversations[0]!.id);
  });
});
