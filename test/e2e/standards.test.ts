/**
 * Service standards over HTTP, as in Teams: a coordinator adds a standard with its owner; the owner
 * records a quarter's figure and corrects it; a stale card, a stranger, another council and
 * tampered payloads are refused in words with nothing stored.
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { fixedClock } from "../../src/clock.js";
import { hostileText } from "../support/hostile.js";
import { teamsWorld } from "../support/e2e.js";
import { cardText, findActions, findInputs, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-standards-e2e";
// Q2 2026/27 (July to September) is the last finished quarter.
const clock = fixedClock("2026-11-30T10:00:00Z");
const world = teamsWorld(TENANT, { clock });
const { user, client, cardFor } = world;
const CORA = user("user-cora", "Cora Coordinator");
const OLU = user("user-olu", "Olu Officer");
const SAM = user("user-sam", "Sam Stranger");
const cora = client(CORA);
const olu = client(OLU);
const sam = client(SAM);
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;
const words = (reply: InvokeReply) => String(reply.body.value);
const store = () => world.bot().stores.standards;
let standardId = "";

beforeAll(async () => {
  await cora.say("setup");
  // People the bot knows (as the people picker offers them) are those who have used it.
  await olu.say("assess");
  await sam.say("assess");
});

describe("service standards in Teams", () => {
  it("lets a coordinator add a standard, its target, its elements and its owner", async () => {
    await cora.say("standard new");
    const form = cardFor(cora);
    expect(cardText(form)).toContain("New service standard");
    const saved = await cora.press(form, "Save", {
      promise: "We will respond to letters and e-mails within ten working days",
      measure: "percentage",
      target: "90",
      better: "higher",
      frequency: "quarterly",
      refs: "4.1.2,5.1.1,5.3.2",
      owner: OLU.aadObjectId,
      published: "true",
    });
    const text = cardText(card(saved));
    expect(text).toContain('Added the standard "We will respond to letters and e-mails within ten working days", owned by Olu Officer.');
    expect(text).toContain("No figures yet (target at least 90%). Q2 2026/27 has not been reported.");
    const [standard] = await store().list(TENANT);
    expect(standard).toMatchObject({ owner: { userId: OLU.aadObjectId, name: "Olu Officer" }, refs: ["4.1.2", "5.1.1", "5.3.2"] });
    standardId = standard!.id;
  });

  it("lets the owner record the quarter's figure from the card, and correct it, with both in the history", async () => {
    clock.set("2026-11-30T10:02:00Z");
    await olu.say("standards");
    const list = cardFor(olu);
    expect(findActions(list).map((a) => a.title)).toEqual(["Record a figure"]);
    const form = card(await olu.press(list, "Record a figure"));
    expect(cardText(form)).toContain("Record a figure");
    expect(findInputs(form).find((i) => i.id === "period")?.value).toBe("2026/27-Q2");

    const recorded = await olu.press(form, "Save the figure", { value: "88", count: "412", note: "Two vacancies" });
    expect(cardText(card(recorded))).toContain(
      "Recorded 88% for Q2 2026/27 (July to September 2026): missed by 2 points (target at least 90%).",
    );
    expect(await store().figure(TENANT, standardId, "2026/27-Q2")).toMatchObject({ value: 88, count: 412, note: "Two vacancies" });

    // Leaders see it in the channel's summary (a digest is the same card, posted on schedule).
    const channel = client(CORA, "channel");
    await channel.say("summary");
    const before = cardFor(channel);
    expect(cardText(before)).toContain("0 of 1 met their target last period.");

    // The form opens on the quarter still to report; choosing Q2 again shows its figure, to correct.
    const next = card(await olu.press(card(recorded), "Record a figure", { standardId }));
    expect(findInputs(next).find((i) => i.id === "period")?.value).toBe("2026/27-Q1");
    const again = card(await olu.press(next, "Show this period's figure", { period: "2026/27-Q2" }));
    const stale = again; // kept, to press after the correction
    expect(cardText(again)).toContain("already has 88%, recorded by Olu Officer");
    clock.set("2026-11-30T10:05:00Z");
    const corrected = await olu.press(again, "Correct the figure", { value: "91" });
    expect(cardText(card(corrected))).toContain(
      "Corrected Q2 2026/27 (July to September 2026) from 88% to 91%: met by 1 point (target at least 90%).",
    );
    // The summary posted before keeps what it said then; the next one says what is true now.
    await channel.say("summary");
    expect(cardText(cardFor(channel))).toContain("1 of 1 met their target last period.");
    // No posted message was edited behind the readers' backs.
    expect(world.stub.sent.filter((m) => m.method === "PUT")).toEqual([]);
    const history = await store().history(TENANT, standardId);
    expect(history.slice(0, 2).map((h) => [h.field, h.from, h.to])).toEqual([
      ["figure 2026/27-Q2", "88", "91"],
      ["figure 2026/27-Q2", "", "88"],
    ]);

    // The card that showed 88% cannot overwrite the 91% it never saw.
    const refused = card(await olu.press(stale, "Correct the figure", { value: "70" }));
    expect(cardText(refused)).toContain(
      "Q2 2026/27 (July to September 2026) already has 91%, recorded by Olu Officer, which this card did not show, so nothing was saved.",
    );
    expect((await store().figure(TENANT, standardId, "2026/27-Q2"))?.value).toBe(91);
  });

  it("lets a coordinator change a standard, audited field by field, and says so when nothing changed", async () => {
    clock.set("2026-11-30T10:10:00Z");
    await cora.say("standards");
    const form = card(await cora.press(cardFor(cora), "Change the standard", { standardId }));
    expect(cardText(form)).toContain("Change a service standard");
    expect(findInputs(form).find((i) => i.id === "target")?.value).toBe("90");
    const saved = await cora.press(form, "Save", { target: "92", frequency: "monthly" });
    expect(cardText(card(saved))).toContain(
      'Saved the standard "We will respond to letters and e-mails within ten working days" (target, frequency).',
    );
    expect((await store().history(TENANT, standardId)).slice(0, 2).map((h) => [h.field, h.from, h.to])).toEqual(
      expect.arrayContaining([
        ["target", "at least 90%", "at least 92%"],
        ["frequency", "quarterly", "monthly"],
      ]),
    );
    const back = card(await cora.press(card(saved), "Change the standard", { standardId }));
    const again = await cora.press(back, "Save", { target: "90", frequency: "quarterly" });
    expect(cardText(card(again))).toContain("(target, frequency)");
    const unchanged = await cora.press(card(await cora.press(card(again), "Change the standard", { standardId })), "Save");
    expect(cardText(card(unchanged))).toContain("Nothing changed: the standard already says that.");
  });

  it("refuses a figure from someone who neither owns the standard nor coordinates, and stores nothing", async () => {
    const reply = await sam.invoke("cse.figureSave", { standardId, period: "2026/27-Q1", value: "99" });
    expect(words(reply)).toBe("Only Olu Officer (who owns this standard) or a CSE coordinator can record its figures.");
    expect(await store().figure(TENANT, standardId, "2026/27-Q1")).toBeUndefined();
    const forged = await sam.invoke("cse.standardSave", {
      standardId,
      promise: "We will do nothing at all",
      measure: "percentage",
      target: "1",
      better: "higher",
      frequency: "monthly",
      refs: "4.1.2",
    });
    expect(words(forged)).toBe(
      "Only a CSE coordinator can create or change service standards. Type roles to see who the coordinators are.",
    );
    expect((await store().get(TENANT, standardId))?.promise).toBe("We will respond to letters and e-mails within ten working days");
  });

  it("refuses tampered figures in words, keeping what was typed", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ period: "2026/27-Q3", value: "90" }, "Q3 2026/27 (October to December 2026) has not finished yet"],
      [{ period: "2026-09", value: "90" }, "This standard is reported quarterly: choose a quarter"],
      [{ period: "not-a-period", value: "90" }, "Please choose the month or quarter the figure is for."],
      [{ period: "2026/27-Q1", value: '=HYPERLINK("http://x","y")' }, "The value looks like a spreadsheet formula, not a number."],
      [{ period: "2026/27-Q1", value: "120" }, "is not a percentage between 0 and 100"],
      [{ period: "2026/27-Q1", value: "90", count: "-4" }, "is not a whole number of cases"],
      [{ period: "2026/27-Q1", value: "90", note: '"'.repeat(2000) }, "The note is too long (the most is 300 characters)"],
    ];
    for (const [data, why] of cases) {
      const reply = await olu.invoke("cse.figureSave", { standardId, ...data });
      expect(cardText(card(reply)), JSON.stringify(data).slice(0, 80)).toContain(why);
    }
    expect((await store().figures(TENANT, standardId)).map((f) => f.periodId)).toEqual(["2026/27-Q2"]);
    const badId = await olu.invoke("cse.figureSave", { standardId: "../../etc", period: "2026/27-Q1", value: "90" });
    expect(badId.status).toBe(200);
    expect(words(badId)).toContain("That card's data was not valid, so nothing was changed.");
  });

  it("answers any tampered figure or standard press in words a person can read, and stores nothing", async () => {
    const figuresBefore = await store().figures(TENANT, standardId);
    const standardsBefore = await store().list(TENANT);
    const notANumber = hostileText(60).filter((t) => !/^\s*[+-]?[\d.,]+\s*%?\s*$/.test(t));
    const anything = fc.oneof(
      hostileText(300),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          period: fc.constantFrom("2026/27-Q1", "2026/27-Q3", "2026-09", "2030/31-Q1", "", "../x"),
          value: notANumber,
          count: anything,
          comparator: anything,
          note: anything,
          base: anything,
        }),
        fc.record({ promise: anything, measure: anything, target: anything, refs: anything, owner: anything, standardUnit: anything }),
        async (figure, standard) => {
          for (const [verb, data] of [
            ["cse.figureSave", { standardId, ...figure }],
            ["cse.standardSave", { standardId, ...standard }],
          ] as const) {
            const reply = await olu.invoke(verb, data);
            expect(reply.status).toBe(200);
            const said = typeof reply.body.value === "string" ? reply.body.value : cardText(reply.body.value);
            expect(said.trim().length, verb).toBeGreaterThan(20);
          }
        },
      ),
      { numRuns: 25 },
    );
    expect(await store().figures(TENANT, standardId)).toEqual(figuresBefore);
    expect(await store().list(TENANT)).toEqual(standardsBefore);
  });

  it("never shows or changes another council's standard", async () => {
    const other = teamsWorldClient();
    const reply = await other.invoke("cse.figureSave", { standardId, period: "2026/27-Q1", value: "50" });
    expect(cardText(card(reply)) + words(reply)).toContain("That service standard does not exist");
    expect(await store().figure(TENANT, standardId, "2026/27-Q1")).toBeUndefined();
  });

  it("answers standards in a channel for reading, with no buttons", async () => {
    const channel = client(CORA, "channel");
    await channel.say("standards");
    const seen = cardFor(channel);
    expect(cardText(seen)).toContain("1 of 1 standard met the target last period");
    expect(findInputs(seen)).toEqual([]);
    expect(findActions(seen)).toEqual([]);
  });
});

/** A coordinator of another council, on the same bot. */
function teamsWorldClient() {
  return client({ tenantId: "tenant-someone-else", aadObjectId: "user-eve", name: "Eve Elsewhere" });
}
