/**
 * Service standards in the daily reminder run, on Azurite through the real Teams delivery: the
 * owner hears about a missing figure on the days of its schedule, inside their one message a
 * day; coordinators hear at most weekly which figures are overdue; a recorded figure goes quiet;
 * and a crash between planning and moving the cursors sends nobody anything twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ServiceStandard } from "../../src/domain/standards.js";
import { cardText } from "../support/teams.js";
import { conversationOf, never, reminderWorld, remindersByConversation, TENANT } from "../support/reminders.js";

const CREATED = "2026-10-20T10:00:00Z";
const at = (day: string) => `${day}T09:05:00Z`; // 09:05 in London once the clocks have gone back
const CORA = { userId: "cora", name: "Cora Coordinator" };
const MEGAN = { userId: "megan", name: "Megan Bowen" };

/** Q2 2026/27 (July to September): due 14 Oct, reminded 15, 22, 29 Oct, 5 and 12 Nov once overdue. */
const LETTERS: ServiceStandard = {
  id: "letters-1a2b3c",
  promise: "We will answer your letter within ten working days",
  measure: { kind: "percentage" },
  target: { value: 90, better: "higher" },
  frequency: "quarterly",
  owner: MEGAN,
  published: true,
  refs: ["4.1.2"],
};
/** October 2026: reminded 2 Nov (open), 10 Nov (3 working days before), 13 Nov (due), then 16 Nov... */
const PHONE: ServiceStandard = {
  ...LETTERS,
  id: "phone-4d5e6f",
  promise: "We will answer your call in an average of no more than 3 minutes",
  measure: { kind: "average", unit: "minutes" },
  target: { value: 3, better: "lower" },
  frequency: "monthly",
};

let world: Awaited<ReturnType<typeof reminderWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function councilWithStandards() {
  const w = await reminderWorld({ now: CREATED });
  world = w;
  await w.person(CORA.userId, CORA.name);
  await w.person(MEGAN.userId, MEGAN.name);
  await w.stores.roles.save(
    // Roles are a column of the person's row, which exists: the save is conditional on its ETag.
    {
      tenantId: TENANT,
      userId: CORA.userId,
      displayName: CORA.name,
      roles: ["coordinator"],
      etag: (await w.stores.roles.get(TENANT, CORA.userId))?.etag,
    },
    { targetId: "cora", targetName: CORA.name, role: "coordinator", change: "setup", byId: "cora", byName: CORA.name, at: CREATED },
    true,
  );
  for (const s of [LETTERS, PHONE]) await w.stores.standards.create(TENANT, s, { by: CORA, at: CREATED });
  await w.stores.tenants.register(TENANT, w.stub.url);
  return w;
}

/** Runs `day` and gives each person's card text (undefined: nothing sent to them). */
async function runOn(w: NonNullable<typeof world>, day: string) {
  w.stub.clear();
  w.clock.set(at(day));
  const report = await w.job.run(day);
  const received = remindersByConversation(w.stub);
  const textFor = (userId: string) => {
    const cards = received.get(conversationOf(userId)) ?? [];
    expect(cards.length, `${userId} on ${day}`).toBeLessThanOrEqual(1);
    return cards[0] && cardText(cards[0]);
  };
  return { report, megan: textFor(MEGAN.userId), cora: textFor(CORA.userId) };
}

const recordFigure = (w: NonNullable<typeof world>, standard: ServiceStandard, periodId: string) =>
  w.stores.standards.putFigure(TENANT, { standardId: standard.id, periodId, value: 2.5 }, undefined, MEGAN, w.clock.now().toISOString());

describe("figures in the daily reminder run", () => {
  it("reminds the owner on the schedule's days and the coordinator weekly, and goes quiet once recorded", async () => {
    const w = await councilWithStandards();

    // Mon 2 Nov: October has ended (due 13 Nov); Q2 has been overdue since 15 Oct (last reminded 29 Oct, within a week).
    const monday = await runOn(w, "2026-11-02");
    expect(monday.report).toMatchObject({ planned: 2, sent: 2 });
    expect(monday.megan).toContain("Figures to record (2)");
    expect(monday.megan).toContain("October 2026 \u00b7 due by 13 Nov 2026 (in 11 days)");
    expect(monday.megan).toContain("Q2 2026/27 (July to September 2026) \u00b7 overdue since 15 Oct 2026 (due by 14 Oct 2026)");
    expect(monday.cora).toContain(
      "1 service standard not reported for its last period: We will answer your letter within ten working days (Megan Bowen)",
    );
    expect(monday.cora).not.toContain("Figures to record");

    // The same day again (another tick): nothing more.
    expect((await w.job.run("2026-11-02")).sent).toBe(0);
    // Tue 3 Nov: nobody's day.
    expect((await runOn(w, "2026-11-03")).report.sent).toBe(0);

    // Thu 5 Nov: Q2's weekly overdue reminder to Megan; Cora heard on Monday.
    const thursday = await runOn(w, "2026-11-05");
    expect(thursday.megan).toContain("Figures to record (1)");
    expect(thursday.megan).toContain("Q2 2026/27");
    expect(thursday.megan).not.toContain("October 2026");
    expect(thursday.cora).toBeUndefined();

    // Mon 9 Nov: a week on, Cora hears again; Megan records October's figure.
    const nextMonday = await runOn(w, "2026-11-09");
    expect(nextMonday.cora).toContain("1 service standard not reported for its last period");
    expect(nextMonday.megan).toBeUndefined();
    await recordFigure(w, PHONE, "2026-10");

    // Tue 10 Nov would have been October's "3 working days before": recorded, so nothing.
    expect((await runOn(w, "2026-11-10")).report.sent).toBe(0);
    // Thu 12 Nov: Q2's last weekly reminder. Fri 13 Nov, October's due day: recorded, so nothing.
    expect((await runOn(w, "2026-11-12")).megan).toContain("Q2 2026/27");
    expect((await runOn(w, "2026-11-13")).report.sent).toBe(0);

    // Mon 16 Nov: a week after the 9th, Cora still hears of Q2; October, recorded, is not there.
    const later = await runOn(w, "2026-11-16");
    expect(later.cora).toContain("1 service standard not reported");
    expect(later.cora).not.toContain("We will answer your call");
    expect(later.megan).toBeUndefined();
  });

  it("dies after planning, before the cursors moved: the restart sends each person one message, and the next day nothing again", async () => {
    const w = await councilWithStandards();
    w.clock.set(at("2026-11-02"));
    w.stores.outbox.setCursor = never; // the process stops for good at its first cursor write
    void w.job.run("2026-11-02");
    await expect.poll(async () => (await w.stores.outbox.messages(TENANT, "2026-11-02")).length).toBe(2);
    expect(w.stub.accepted).toBe(0);

    const restarted = await w.restart();
    expect((await restarted.job.run("2026-11-02")).sent).toBe(2);
    expect(w.stub.acceptedByConversation.get(conversationOf("megan"))).toBe(1);
    expect(w.stub.acceptedByConversation.get(conversationOf("cora"))).toBe(1);
    expect(w.stub.duplicates()).toEqual([]);
    expect(await restarted.stores.outbox.cursor(TENANT, `figure|${PHONE.id}`)).toBe("2026-11-02");
    expect(await restarted.stores.outbox.cursor(TENANT, "figures-unreported")).toBe("2026-11-02");

    w.clock.set(at("2026-11-03"));
    expect((await restarted.job.run("2026-11-03")).sent).toBe(0);
  });

  it("drops a figure recorded since from yesterday's undelivered message when it joins today's", async () => {
    const w = await councilWithStandards();
    w.stub.failTimes(conversationOf("megan"), 502, 4); // every attempt of the day fails: it stays pending
    expect((await runOn(w, "2026-11-02")).report).toMatchObject({ sent: 1, gaveUp: 1 });
    await recordFigure(w, LETTERS, "2026/27-Q2");

    const tuesday = await runOn(w, "2026-11-03");
    expect(tuesday.megan).toContain("Figures to record (1)");
    expect(tuesday.megan).toContain("October 2026 \u00b7 due by 13 Nov 2026 (in 10 days)");
    expect(tuesday.megan).not.toContain("Q2 2026/27");
    expect((await w.stores.outbox.messages(TENANT, "2026-11-02")).find((m) => m.userId === "megan")?.status).toBe("superseded");
  });
});
