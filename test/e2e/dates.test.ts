/**
 * The certification calendar over HTTP, as in Teams: a coordinator saves the council's
 * certification date and sees the reviews, reassessment and evidence deadlines follow from it;
 * a contributor sees the dates read-only, and a forged save from them is refused with nothing stored.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { certificationCalendar, formatLondonDay, isWorkingDay } from "../../src/domain/calendar.js";
import { teamsWorld } from "../support/e2e.js";
import { cardText, findActions, findInputs, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-dates-e2e";
const world = teamsWorld(TENANT);
const { user, client, stub, cardFor } = world;
const CORA = user("user-cora", "Cora Coordinator");
const OLU = world.member(user("user-olu", "Olu Officer"));
const cora = client(CORA);
const olu = client(OLU);
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;
const stored = () => world.bot().stores.certification.get(TENANT, "council");

beforeAll(async () => {
  await cora.say("setup");
  await world.mention(client(CORA, "channel"), OLU, "role add contributor");
  expect(stub.texts().at(-1)).toBe("Olu Officer is now a Contributor.");
});

describe("the certification calendar in Teams", () => {
  it("lets a coordinator set the certification date; the first review follows 12 months later, on a working day", async () => {
    await cora.say("dates");
    const form = cardFor(cora);
    expect(cardText(form)).toContain("No certification date is set yet.");
    expect(findInputs(form).map((i) => i.id)).toEqual(["scope", "certified", "leadDays", "review1", "review2", "reassess"]);

    const reply = await cora.press(form, "Save dates", { certified: "2026-03-14" });
    const text = cardText(card(reply));
    const [review1] = certificationCalendar("2026-03-14", 10).visits;
    expect(review1!.date).toBe("2027-03-15"); // 14 Mar 2027 is a Sunday
    expect(isWorkingDay(review1!.date)).toBe(true);
    expect(text).toContain("Saved the dates for Whole council.");
    expect(text).toContain("Certified 14 Mar 2026. Evidence is due 10 working days before each visit.");
    expect(text).toMatch(
      new RegExp(
        `\\*\\*Annual review, year 1\\*\\*: ${formatLondonDay(review1!.date)}, (in \\d+ days|\\d+ days ago|today|tomorrow|yesterday)`,
      ),
    );
    expect(text).toContain(`Evidence due ${formatLondonDay(review1!.evidenceDue)}`);
    expect(await stored()).toMatchObject({
      scopeName: "Whole council",
      certifiedOn: "2026-03-14",
      evidenceLeadWorkingDays: 10,
      overrides: {},
      updatedByName: "Cora Coordinator",
    });
    expect(await world.bot().stores.certification.history(TENANT, "council")).toHaveLength(1);
  });

  it("takes the assessor's booked date and a longer lead time, and refuses a review before certification, keeping what was typed", async () => {
    await cora.say("dates");
    const saved = await cora.press(cardFor(cora), "Save dates", { review1: "2027-03-22", leadDays: "15" });
    expect(cardText(card(saved))).toContain("**Annual review, year 1**: 22 Mar 2027");
    expect(cardText(card(saved))).toContain("(date set by hand)");
    expect(await stored()).toMatchObject({ evidenceLeadWorkingDays: 15, overrides: { "annual-review-1": "2027-03-22" } });
    const before = await stored();

    const refused = await cora.press(card(saved), "Save dates", { review1: "2026-01-05" });
    expect(cardText(card(refused))).toContain(
      "The annual review, year 1 (5 Jan 2026) must come after the certification date (14 Mar 2026)",
    );
    expect(findInputs(card(refused)).find((i) => i.id === "review1")?.value).toBe("2026-01-05");
    expect((await stored())?.etag).toBe(before?.etag);
  });

  it("shows a contributor the dates read-only", async () => {
    await olu.say("dates");
    const seen = cardFor(olu);
    expect(cardText(seen)).toContain("**Annual review, year 1**: 22 Mar 2027");
    expect(cardText(seen)).toContain("Three-year reassessment");
    expect(findInputs(seen)).toEqual([]);
    expect(findActions(seen).map((a) => a.title)).toEqual(["Refresh"]);
  });

  it("refuses a forged save from a contributor and stores nothing", async () => {
    const before = await stored();
    const history = await world.bot().stores.certification.history(TENANT, "council");
    const reply = await olu.invoke("cse.datesSave", {
      scope: "council",
      certified: "2025-01-06",
      leadDays: "0",
      review1: "",
      review2: "",
      reassess: "",
    });
    expect(cardText(card(reply))).toContain("Only a CSE coordinator can change the certification dates");
    expect(findInputs(card(reply))).toEqual([]);
    expect(await stored()).toEqual(before);
    expect(await world.bot().stores.certification.history(TENANT, "council")).toEqual(history);
  });

  it("refuses a save for a unit that is not in the council's campaign", async () => {
    const reply = await cora.invoke("cse.datesSave", { scope: "made-up-unit", certified: "2026-03-14", leadDays: "10" });
    expect(cardText(card(reply))).toContain("That unit is not in your council's current campaign");
    expect(await world.bot().stores.certification.get(TENANT, "made-up-unit")).toBeUndefined();
  });

  it("answers dates in a channel with the dates only, and tells a coordinator where to change them", async () => {
    const channel = client(CORA, "channel");
    await channel.say("dates");
    const seen = cardFor(channel);
    expect(cardText(seen)).toContain("22 Mar 2027");
    expect(findInputs(seen)).toEqual([]);
    expect(cardText(seen)).toContain("To change the dates, chat with me one-to-one and type dates.");
  });
});
