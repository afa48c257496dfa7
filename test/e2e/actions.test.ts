/**
 * Improvement actions over HTTP, as Teams sends them: an officer rates 3.2.1 Partial Compliance,
 * plans an action from the element card, finds it under `actions`, marks it done, and the element
 * card lists it; tampered buttons from another council or another person are refused in words and
 * change nothing; a coordinator gives the action to someone else in a channel by @mention.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { formatLondonDay } from "../../src/domain/calendar.js";
import { teamsWorld } from "../support/e2e.js";
import { cardText, findActions, findInputs, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-actions-e2e";
const world = teamsWorld(TENANT);
const { user, client, stub, textsTo, cardFor } = world;
const CORA = user("user-cora", "Cora Coordinator");
const OLU = user("user-olu", "Olu Officer");
const PAT = user("user-pat", "Pat Other");
const MEGAN = world.member(user("user-megan", "Megan Bowen"));
const olu = client(OLU);
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;
const stored = (id: string) => world.bot().stores.actions.get(TENANT, id);
/** A date comfortably ahead of the real clock the server runs on. */
const DUE = `${new Date().getUTCFullYear() + 1}-03-03`;

beforeAll(async () => {
  await client(CORA).say("setup");
  await olu.install();
  await client(MEGAN).install();
});

describe("improvement actions in Teams", () => {
  it("plans an action from an element rated Partial Compliance, lists it, and marks it done", async () => {
    await olu.say("assess 3.2.1");
    const element = cardFor(olu);
    expect(findActions(element).map((a) => a.title)).not.toContain("Plan an improvement action");
    const rated = await olu.press(element, "Save", { rating: "partial" });
    expect(cardText(card(rated))).toContain("Current rating: **Partial Compliance**");

    const form = await olu.press(card(rated), "Plan an improvement action");
    expect(Object.fromEntries(findInputs(card(form)).map((i) => [i.id, i.value]))).toMatchObject({ refs: "3.2.1", priority: "medium" });
    const refused = await olu.press(card(form), "Create action", { title: "Publish service standards", dueOn: "2020-01-01" });
    expect(cardText(card(refused))).toContain("The due date is in the past.");
    expect(findInputs(card(refused)).find((i) => i.id === "title")?.value).toBe("Publish service standards");
    expect(await stored("1")).toBeUndefined();

    const created = await olu.press(card(refused), "Create action", { dueOn: DUE, description: "On the website and in every reception." });
    expect(cardText(card(created))).toContain("Improvement action 1 created");
    expect(await stored("1")).toMatchObject({
      title: "Publish service standards",
      refs: ["3.2.1"],
      owner: { userId: "user-olu", name: "Olu Officer" },
      status: "open",
      dueOn: DUE,
    });

    await olu.say("actions");
    const list = cardFor(olu);
    expect(cardText(list)).toContain("My improvement actions");
    expect(cardText(list)).toContain("1 open, 0 overdue");
    expect(cardText(list)).toContain("**1** Publish service standards");
    const opened = await olu.press(list, "Open", {}, (a) => a.data.id === "1");
    expect(cardText(card(opened))).toContain("Improvement action 1");
    expect(
      findActions(card(opened))
        .filter((a) => a.verb === "cse.open")
        .map((a) => a.data.ref),
    ).toEqual(["3.2.1"]);

    const done = await olu.press(card(opened), "Done");
    expect(cardText(card(done))).toContain("Action 1 is now done.");
    expect((await stored("1"))?.status).toBe("done");

    await olu.say("assess 3.2.1");
    expect(cardText(cardFor(olu))).toContain("Action 1 · Publish service standards · done");
    expect(findActions(cardFor(olu)).find((a) => a.verb === "cse.action")?.data).toEqual({ id: "1", verb: "cse.action" });
  });

  it("opens the form and an action by command too", async () => {
    await olu.say("action new 4.1.2");
    expect(findInputs(cardFor(olu)).find((i) => i.id === "refs")?.value).toBe("4.1.2");
    await olu.say("action 1");
    expect(cardText(cardFor(olu))).toContain("Publish service standards");
    await olu.say("action 77");
    expect(textsTo(olu).at(-1)).toBe("There is no improvement action 77 in your organisation. Type actions to see yours.");
  });

  it("refuses a tampered status change for another council's action or another person's, and stores nothing", async () => {
    const before = await stored("1");
    const stranger = client({ tenantId: "tenant-elsewhere", aadObjectId: "user-x", name: "Xavier Elsewhere" });
    const foreign = await stranger.invoke("cse.actionStatus", { id: "1", to: "cancelled" });
    expect(foreign.body.value).toBe("That improvement action is not in your organisation, so nothing was changed.");
    expect(await world.bot().stores.actions.get("tenant-elsewhere", "1")).toBeUndefined();

    const pat = client(PAT);
    const mine = await pat.invoke("cse.actionStatus", { id: "1", to: "cancelled", day: "2026-11-20" });
    expect(cardText(card(mine))).toContain("Only the action's owner or a CSE coordinator can change it.");
    expect(findInputs(card(mine))).toEqual([]);
    const note = await pat.invoke("cse.actionNote", { id: "1", note: "Not needed" });
    expect(cardText(card(note))).toContain("Only the action's owner or a CSE coordinator can change it.");
    const bogus = await pat.invoke("cse.actionStatus", { id: "1", to: "archived-forever" });
    expect(bogus.body.value).toContain("That card's data was not valid");

    expect(await stored("1")).toEqual(before);
    expect(await world.bot().stores.actions.notes(TENANT, "1")).toEqual([]);
  });

  it("lets a coordinator give an action to someone else in a channel, and tells them", async () => {
    await world.mention(client(CORA, "channel"), MEGAN, "action 1 owner");
    expect(stub.texts().find((t) => t.startsWith("Action 1 now belongs"))).toBe(
      "Action 1 now belongs to Megan Bowen. Megan Bowen has been told.",
    );
    expect((await stored("1"))?.owner).toEqual({ userId: "user-megan", name: "Megan Bowen" });
    expect(textsTo(client(MEGAN)).at(-1)).toBe(
      `Cora Coordinator gave you improvement action 1: "Publish service standards", due ${formatLondonDay(DUE)}. Type action 1 to see it.`,
    );

    // Olu no longer owns it, so Olu cannot give it away (not even back to Megan).
    await world.mention(client(OLU, "channel"), MEGAN, "action 1 owner");
    expect(stub.texts().at(-1)).toBe("Only the action's owner or a CSE coordinator can change it.");
  });

  it("shows coordinators everyone's actions, and others only their own", async () => {
    await client(CORA).say("actions all");
    expect(cardText(cardFor(client(CORA)))).toContain("Everyone's improvement actions");
    await client(PAT).say("actions all");
    expect(cardText(cardFor(client(PAT)))).toContain("Only CSE coordinators and leaders can see everyone's actions.");
  });
});
