/**
 * Service standards' figures in the morning reminder, over HTTP as in Teams: the owner's bundle
 * holds the figures they owe, "Record the figure" opens the figure form on that period, a figure
 * recorded shows as such on the same reminder and is not asked for again; the coordinator's
 * bundle names the standard whose figure is overdue.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/adapter.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createReminderJob } from "../../src/reminders.js";
import { teamsWorld } from "../support/e2e.js";
import { cardText, findActions, findInputs, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-figure-reminders-e2e";
const clock = fixedClock("2026-10-20T10:00:00Z");
const world = teamsWorld(TENANT, { clock });
const { user, client, stub, cardFor } = world;
const CORA = user("user-cora", "Cora Coordinator");
const OLU = user("user-olu", "Olu Officer");
const cora = client(CORA);
const olu = client(OLU);
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;
const LETTERS = "We will answer your letter within ten working days";
const CALLS = "We will answer your call in an average of no more than 3 minutes";
const ids: Record<string, string> = {};
let actionId = "";

async function runReminders(day: string) {
  clock.set(`${day}T09:05:00Z`);
  stub.clear();
  const job = createReminderJob(world.bot().stores, createAdapter(loadConfig({})), "", clock, createLogger("silent"), {
    backoff: { attempts: 2, baseMs: 5, capMs: 10 },
  });
  return job.run(day);
}

async function addStandard(promise: string, frequency: "monthly" | "quarterly") {
  await cora.say("standard new");
  const saved = await cora.press(cardFor(cora), "Save", {
    promise,
    measure: "percentage",
    target: "90",
    better: "higher",
    frequency,
    refs: "4.1.2",
    owner: OLU.aadObjectId,
    published: "true",
  });
  expect(cardText(card(saved))).toContain(`owned by Olu Officer`);
  ids[promise] = (await world.bot().stores.standards.list(TENANT)).find((s) => s.promise === promise)!.id;
}

beforeAll(async () => {
  await cora.say("setup");
  await cora.install();
  await olu.install();
  await olu.say("standards");
  await addStandard(LETTERS, "quarterly"); // Q2 2026/27 was due 14 Oct
  await addStandard(CALLS, "monthly"); // October is due 13 Nov
  // Due Fri 6 Nov: reminded the working day before, so Olu has a message on Thu 5 Nov too.
  const created = await olu.invoke("cse.actionCreate", {
    title: "Publish the repairs standards",
    dueOn: "2026-11-06",
    refs: "4.1.2",
    priority: "medium",
  });
  expect(cardText(card(created))).toContain("created");
  actionId = (await world.bot().stores.actions.list(TENANT))[0]!.id;
  // Mon 2 Nov: October has ended; Q2's figure is overdue.
  expect((await runReminders("2026-11-02")).sent).toBe(2);
});

describe("figures in the morning reminder", () => {
  it("gives the owner each figure they owe, with when it is due", () => {
    const text = cardText(cardFor(olu));
    expect(text).toContain("Figures to record (2)");
    expect(text).toContain(`${LETTERS}\nQ2 2026/27 (July to September 2026) \u00b7 overdue since 15 Oct 2026 (due by 14 Oct 2026)`);
    expect(text).toContain(`${CALLS}\nOctober 2026 \u00b7 due by 13 Nov 2026 (in 11 days)`);
    expect(text).toContain("Publish the repairs standards");
  });

  it("names the overdue standard and its owner in the coordinator's bundle, not one still inside its window", () => {
    const text = cardText(cardFor(cora));
    expect(text).toContain(`1 service standard not reported for its last period: ${LETTERS} (Olu Officer)`);
    expect(text).not.toContain(CALLS);
  });

  it("opens the figure form on the reminder's period when Record the figure is pressed", async () => {
    const reminder = cardFor(olu);
    for (const [promise, period, label] of [
      [CALLS, "2026-10", "October 2026"],
      [LETTERS, "2026/27-Q2", "Q2 2026/27"],
    ] as const) {
      const form = card(await olu.press(reminder, "Record the figure", {}, (a) => a.data.standardId === ids[promise]));
      expect(cardText(form)).toContain(`Record a figure\n${promise}`);
      expect(findInputs(form).find((i) => i.id === "period")?.value, label).toBe(period);
    }
  });

  it("records the figure from there, marks it on the same reminder, and asks for it no more", async () => {
    const reminder = cardFor(olu);
    const form = card(await olu.press(reminder, "Record the figure", {}, (a) => a.data.standardId === ids[LETTERS]));
    const recorded = await olu.press(form, "Save the figure", { value: "93" });
    expect(cardText(card(recorded))).toContain("Recorded 93% for Q2 2026/27 (July to September 2026)");
    expect(await world.bot().stores.standards.figure(TENANT, ids[LETTERS]!, "2026/27-Q2")).toMatchObject({ value: 93 });

    // A note saved from the same reminder answers with it as it stands now.
    const noted = card(await olu.press(reminder, "Save note", { [`note-${actionId}`]: "Drafted" }, (a) => a.data.id === actionId));
    expect(cardText(noted)).toContain(`${LETTERS}\nRecorded \u2714`);
    expect(
      findActions(noted)
        .filter((a) => a.title === "Record the figure")
        .map((a) => a.data.period),
    ).toEqual(["2026-10"]);

    // Thu 5 Nov would have been Q2's weekly overdue reminder: Olu's bundle has his action and no figure.
    expect((await runReminders("2026-11-05")).sent).toBe(1);
    const next = cardText(cardFor(olu));
    expect(next).toContain("Publish the repairs standards");
    expect(next).not.toContain("Figures to record");
    expect(next).not.toContain(LETTERS);
  });

  it("tells the coordinator a week on only while a figure is overdue", async () => {
    // Mon 9 Nov: Q2 is recorded and October is not due until 13 Nov, so Cora hears nothing.
    await runReminders("2026-11-09");
    expect(stub.sent.filter((s) => s.conversationId === cora.conversationId)).toEqual([]);
    // Mon 16 Nov: October's figure is overdue.
    await runReminders("2026-11-16");
    expect(cardText(cardFor(cora))).toContain(`1 service standard not reported for its last period: ${CALLS} (Olu Officer)`);
    expect(cardText(cardFor(olu))).toContain("October 2026 \u00b7 overdue since 14 Nov 2026 (due by 13 Nov 2026)");
  });
});
