/**
 * The reminder run end to end on Azurite, through the real Teams delivery to the connector stub:
 * one message per person per day, retries and permanent failures, crash and restart, and two
 * schedulers at once. Counts are taken at the stub.
 */
import { afterEach, describe, expect, it } from "vitest";
import { COUNCIL_WIDE, defaultCampaign } from "../../src/domain/campaign.js";
import { ReminderScheduler } from "../../src/jobs/scheduler.js";
import { mendCopies } from "../../src/store/index.js";
import { createLogger } from "../../src/logger.js";
import { AssignmentService } from "../../src/services/assignments.js";
import { CampaignService } from "../../src/services/campaigns.js";
import { RecordingNotifier } from "../support/notifier.js";
import { cardText } from "../support/teams.js";
import { conversationOf, dieAfterSends, never, reminderWorld, remindersByConversation, TENANT } from "../support/reminders.js";

const CREATED = "2026-11-02T10:00:00Z"; // Monday
const DAY = "2026-11-25"; // Wednesday: 1 working day before 26 Nov, 7 before 4 Dec
const MORNING = `${DAY}T09:05:00Z`; // 09:05 in London (GMT)

let world: Awaited<ReturnType<typeof reminderWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function twoActionsDueFor(w: NonNullable<typeof world>, who: Awaited<ReturnType<NonNullable<typeof world>["person"]>>) {
  await w.action(who, { title: "Publish service standards for housing repairs", refs: "3.2.1", dueOn: "2026-11-26" });
  await w.action(who, { title: "Survey residents about the new portal", refs: "1.2.1 4.1.2", dueOn: "2026-12-04" });
}

describe("the daily reminder run", () => {
  it("sends each person one message bundling everything due, and nothing more that day", async () => {
    world = await reminderWorld({ now: CREATED });
    const megan = await world.person("megan", "Megan Bowen");
    const adele = await world.person("adele", "Adele Vance");
    await twoActionsDueFor(world, megan);
    await world.action(adele, { title: "Train front-line staff on complaints", refs: "2.1.1", dueOn: "2026-11-26" });
    await world.action(adele, { title: "Not due for a long while", refs: "5.1.1", dueOn: "2027-06-30" });

    world.clock.set(MORNING);
    const report = await world.job.run(DAY);
    expect(report).toMatchObject({ planned: 2, sent: 2, permanent: 0, gaveUp: 0 });

    const received = remindersByConversation(world.stub);
    expect([...received.keys()].sort()).toEqual([conversationOf("adele"), conversationOf("megan")]);
    const meganCard = cardText(received.get(conversationOf("megan"))![0]);
    expect(meganCard).toContain("2 things need you");
    expect(meganCard).toContain("Publish service standards for housing repairs");
    expect(meganCard).toContain("Survey residents about the new portal");
    expect(meganCard).toContain("26 Nov 2026");
    expect(cardText(received.get(conversationOf("adele"))![0])).not.toContain("Not due for a long while");

    // Running again the same day (another tick, a second cron) sends nothing.
    const again = await world.job.run(DAY);
    expect(again.sent).toBe(0);
    expect(world.stub.sent).toHaveLength(2);
  });

  it("also forgets assessor-report previews nobody confirmed or cancelled, and keeps today's", async () => {
    world = await reminderWorld({ now: CREATED });
    const keep = (user: string, storedAt: string) =>
      world!.stores.files.keepImport(TENANT, user, {
        kind: "report",
        campaignId: "c",
        fingerprint: "f",
        fileName: "",
        storedAt,
        text: "report",
      });
    await keep("cora", "2026-11-20T16:00:00.000Z");
    await keep("priya", `${DAY}T08:00:00.000Z`);
    await world.stores.tenants.register(TENANT);
    world.clock.set(MORNING);
    await world.job.run(DAY);
    expect(await world.stores.files.pendingImport(TENANT, "cora")).toBeUndefined();
    expect(await world.stores.files.pendingImport(TENANT, "priya")).toBeDefined();
  });

  it("moves each action to its next reminder: overdue the day after, and stops when done or reassigned", async () => {
    world = await reminderWorld({ now: CREATED });
    const megan = await world.person("megan", "Megan Bowen");
    const adele = await world.person("adele", "Adele Vance");
    await twoActionsDueFor(world, megan);
    world.clock.set(MORNING);
    await world.job.run(DAY);
    const [soon, later] = (await world.stores.actions.list(TENANT)).sort((a, b) => Number(a.id) - Number(b.id));
    expect(soon!.remindOn).toBe("2026-11-27"); // the day after it falls due (26th), a Friday
    expect(later!.remindOn).toBe("2026-12-03"); // 1 working day before 4 Dec

    // Megan finishes the first; a coordinator gives the second to Adele.
    await world.stores.roles.save(
      {
        tenantId: TENANT,
        userId: "coord",
        displayName: "Alex Wilber",
        roles: ["coordinator"],
        etag: (await world.stores.roles.get(TENANT, "coord"))?.etag,
      },
      {
        targetId: "coord",
        targetName: "Alex Wilber",
        role: "coordinator",
        change: "setup",
        byId: "coord",
        byName: "Alex Wilber",
        at: MORNING,
      },
      true,
    );
    expect((await world.actions.setStatus(megan, soon!.id, "done")).ok).toBe(true);
    expect(
      (
        await world.actions.reassign({ tenantId: TENANT, userId: "coord", displayName: "Alex Wilber" }, later!.id, {
          userId: adele.userId,
          name: adele.name,
        })
      ).ok,
    ).toBe(true);

    world.stub.clear();
    world.clock.set("2026-11-27T09:05:00Z");
    expect((await world.job.run("2026-11-27")).sent).toBe(0); // the done one is quiet
    world.clock.set("2026-12-03T09:05:00Z");
    await world.job.run("2026-12-03");
    const received = remindersByConversation(world.stub);
    expect([...received.keys()]).toEqual([conversationOf("adele")]); // the new owner, not Megan
    expect(cardText(received.get(conversationOf("adele"))![0])).toContain("Survey residents about the new portal");
  });

  it("retries 429 (after its Retry-After), 502 and 504, and records 403 and 404 as unreachable without retrying", async () => {
    world = await reminderWorld({ now: CREATED });
    const people = await Promise.all(["p429", "p502", "p504", "p403", "p404"].map((id) => world!.person(id)));
    for (const p of people) await world.action(p, { dueOn: "2026-11-26" });
    world.stub.failTimes(conversationOf("p429"), 429, 1, { "Retry-After": "1" });
    world.stub.failTimes(conversationOf("p502"), 502, 2);
    world.stub.failTimes(conversationOf("p504"), 504, 1);
    world.stub.failConversation(conversationOf("p403"), 403);
    world.stub.failConversation(conversationOf("p404"), 404);

    world.clock.set(MORNING);
    const report = await world.job.run(DAY);
    expect(report).toMatchObject({ planned: 5, sent: 3, permanent: 2, gaveUp: 0, throttled: 1, retries: 4 });
    expect(world.stub.acceptedByConversation.get(conversationOf("p429"))).toBe(1);
    expect(world.stub.acceptedByConversation.get(conversationOf("p502"))).toBe(1);
    expect(world.stub.acceptedByConversation.get(conversationOf("p504"))).toBe(1);
    expect(world.stub.duplicates()).toEqual([]);

    const messages = await world.stores.outbox.messages(TENANT, DAY);
    const status = Object.fromEntries(messages.map((m) => [m.userId, m.status]));
    expect(status).toEqual({ p429: "sent", p502: "sent", p504: "sent", p403: "unreachable", p404: "unreachable" });
    expect((await world.stores.participants.get(TENANT, "p403"))?.unreachable).toContain("the app was removed");
    expect((await world.stores.participants.get(TENANT, "p404"))?.unreachable).toContain("no longer exists");

    // Permanent failures are not tried again by later runs.
    const requestsBefore = world.stub.failed;
    await world.job.run(DAY);
    expect(world.stub.failed).toBe(requestsBefore);
  });

  it("leaves a message pending when the Connector keeps failing, and a later run delivers it", async () => {
    world = await reminderWorld({ now: CREATED });
    const p = await world.person("flaky");
    await world.action(p, { dueOn: "2026-11-26" });
    world.stub.failTimes(conversationOf("flaky"), 502, 4); // FAST_SENDER makes 4 attempts
    world.clock.set(MORNING);
    expect(await world.job.run(DAY)).toMatchObject({ sent: 0, gaveUp: 1 });
    expect((await world.stores.outbox.messages(TENANT, DAY))[0]).toMatchObject({ status: "pending", attempts: 1 });
    world.clock.set(`${DAY}T09:10:00Z`);
    expect(await world.job.run(DAY)).toMatchObject({ sent: 1, gaveUp: 0 });
    expect(world.stub.acceptedByConversation.get(conversationOf("flaky"))).toBe(1);
  });

  it("opens a one-to-one chat with an owner who never wrote to the bot, and keeps it for next time", async () => {
    world = await reminderWorld({ now: CREATED });
    const owner = { tenantId: TENANT, userId: "newcomer", displayName: "Nestor Wilke" };
    await world.action(owner, { dueOn: "2026-11-26" });
    await world.stores.tenants.register(TENANT, world.stub.url);
    world.clock.set(MORNING);
    expect((await world.job.run(DAY)).sent).toBe(1);
    expect(world.stub.createdConversations.map((c) => c.memberId)).toEqual(["newcomer"]);
    const stored = await world.stores.participants.get(TENANT, "newcomer");
    expect(JSON.parse(stored!.conversation!).conversation.id).toBe(world.stub.createdConversations[0]!.id);
  });
});

describe("crash and restart", () => {
  /** 12 people, each with an action due today. */
  async function dozen() {
    const w = await reminderWorld({ now: CREATED, sender: { concurrency: 1, backoff: { attempts: 2, baseMs: 5, capMs: 10 } } });
    world = w;
    for (let i = 0; i < 12; i++) await w.action(await w.person(`p${i}`), { dueOn: "2026-11-26" });
    w.clock.set(MORNING);
    return w;
  }

  function expectEveryoneOnce(w: NonNullable<typeof world>) {
    for (let i = 0; i < 12; i++) expect(w.stub.acceptedByConversation.get(conversationOf(`p${i}`)), `p${i}`).toBe(1);
    expect(w.stub.duplicates()).toEqual([]);
    expect(w.stub.accepted).toBe(12);
  }

  it("dies after planning, before the actions moved on: the restart sends each person one message", async () => {
    const w = await dozen();
    // The process stops for good inside its first write of the action index.
    w.stores.actions.advance = never;
    void w.job.run(DAY);
    await expect.poll(async () => (await w.stores.outbox.messages(TENANT, DAY)).length).toBe(12);
    expect(w.stub.accepted).toBe(0);

    const restarted = await w.restart();
    await restarted.job.run(DAY);
    expectEveryoneOnce(w);
    expect((await restarted.stores.actions.list(TENANT)).every((a) => a.remindOn === "2026-11-27")).toBe(true);
  });

  it("dies in the middle of sending: the restart sends the rest, none twice", async () => {
    const w = await dozen();
    // After 5 messages the process dies before the 6th reaches Teams.
    dieAfterSends(w.job, 5);
    void w.job.run(DAY);
    await expect.poll(async () => (await w.stores.outbox.messages(TENANT, DAY)).filter((m) => m.status === "sent").length).toBe(5);
    expect(w.stub.accepted).toBe(5);

    const restarted = await w.restart();
    const report = await restarted.job.run(DAY);
    expect(report.sent).toBe(7);
    expectEveryoneOnce(w);
  });

  it("a second scheduler started while the first is sending sends nothing; after the first dies its lease expires and the rest go", async () => {
    const w = await dozen();
    dieAfterSends(w.job, 3);
    const first = new ReminderScheduler(w.job, w.stores.outbox, w.clock, createSilentLog(), { instanceId: "first", leaseMs: 60_000 });
    void first.tick();
    await expect.poll(() => w.stub.accepted).toBe(3);

    const restarted = await w.restart();
    const second = new ReminderScheduler(restarted.job, restarted.stores.outbox, w.clock, createSilentLog(), {
      instanceId: "second",
      leaseMs: 60_000,
    });
    expect(await second.tick()).toBeUndefined(); // the first still holds the lease
    w.clock.set(`${DAY}T09:07:00Z`); // two minutes on: the dead instance's lease has expired
    expect((await second.tick())?.sent).toBe(9);
    expectEveryoneOnce(w);
  });
});

describe("two schedulers on one storage account", () => {
  it("every reminder is sent exactly once", async () => {
    const w = await reminderWorld({ now: CREATED });
    world = w;
    for (let i = 0; i < 20; i++) await w.action(await w.person(`q${i}`), { dueOn: "2026-11-26" });
    w.clock.set(MORNING);
    const other = await w.restart();
    const a = new ReminderScheduler(w.job, w.stores.outbox, w.clock, createSilentLog(), { instanceId: "a" });
    const b = new ReminderScheduler(other.job, other.stores.outbox, w.clock, createSilentLog(), { instanceId: "b" });
    const reports = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(reports.filter((r) => r !== undefined).length).toBeGreaterThanOrEqual(1);
    // A finished run gives the lease up at once: another instance (or the CLI) may run straight away.
    expect(await w.stores.outbox.leaseHolder("reminders", w.clock.now())).toBeUndefined();
    await a.stop();
    expect((await b.tick())?.sent ?? 0).toBe(0); // b takes over after a gives the lease up: nothing left
    await b.stop();
    for (let i = 0; i < 20; i++) expect(w.stub.acceptedByConversation.get(conversationOf(`q${i}`)), `q${i}`).toBe(1);
    expect(w.stub.accepted).toBe(20);
  });
});

describe("storage upkeep at every look", () => {
  it("mends a campaign's copies a failed write left behind, on a Sunday too, and a failing upkeep does not stop the look", async () => {
    const w = await reminderWorld({ now: "2026-11-29T12:00:00Z" }); // a Sunday: no reminders go out
    world = w;
    const created = await w.stores.campaigns.createOrGet({
      ...defaultCampaign(TENANT, "cse-upkeep", "u", w.clock.now()),
      units: [COUNCIL_WIDE],
    });
    const transact = w.stores.tables.transact.bind(w.stores.tables);
    w.stores.tables.transact = (table, actions) =>
      table === "Assessments" ? Promise.reject(new Error("storage stopped")) : transact(table, actions);
    await w.stores.campaigns.update(
      { ...created, status: "in-review" },
      { campaignId: created.id, field: "status", from: "open", to: "in-review", byId: "u", byName: "U", at: CREATED },
    );
    w.stores.tables.transact = transact;
    const copy = async () => (await w.stores.assessments.readUnit(TENANT, created.id, COUNCIL_WIDE.id)).campaign?.status;
    expect(await copy()).toBe("open");

    const failing = new ReminderScheduler(w.job, w.stores.outbox, w.clock, createSilentLog(), {
      upkeep: () => Promise.reject(new Error("storage stopped")),
    });
    await expect(failing.tick()).resolves.toBeUndefined();
    const scheduler = new ReminderScheduler(w.job, w.stores.outbox, w.clock, createSilentLog(), {
      upkeep: () => mendCopies(w.stores.tables),
    });
    await scheduler.tick();
    expect(await copy()).toBe("in-review");
  });
});

function createSilentLog() {
  return createLogger("silent");
}

describe("element owners, coordinators and campaign leads", () => {
  it("reminds owners of unsubmitted elements before the campaign's due date, coordinators before the evidence deadline, and the lead of a long-overdue action", async () => {
    const w = await reminderWorld({ now: CREATED });
    world = w;
    const log = createSilentLog();
    const coordinator = await w.person("cora", "Cora Coordinator");
    const megan = await w.person("megan", "Megan Bowen");
    await w.stores.roles.save(
      {
        tenantId: TENANT,
        userId: "cora",
        displayName: "Cora Coordinator",
        roles: ["coordinator"],
        etag: (await w.stores.roles.get(TENANT, "cora"))?.etag,
      },
      {
        targetId: "cora",
        targetName: "Cora Coordinator",
        role: "coordinator",
        change: "setup",
        byId: "cora",
        byName: "Cora Coordinator",
        at: CREATED,
      },
      true,
    );
    const rolesOf = (a: { userId: string }) => Promise.resolve(a.userId === "cora" ? (["coordinator"] as const) : []);
    const campaigns = new CampaignService({ stores: w.stores, clock: w.clock, log, rolesOf });
    const created = await campaigns.create(coordinator, {
      name: "CSE annual review 2027",
      type: "annual-review-1",
      units: "",
      dueDate: "2026-12-04",
    });
    if (!created.ok) throw new Error(created.refusal.message);
    expect((await campaigns.move(coordinator, created.campaign.id, "open")).ok).toBe(true);
    const assignments = new AssignmentService({ stores: w.stores, clock: w.clock, log, rolesOf }, new RecordingNotifier());
    const campaign = (await w.stores.campaigns.get(TENANT, created.campaign.id))!;
    expect(
      (await assignments.assign(coordinator, { campaign, unit: campaign.units[0]! }, "3.2", { userId: "megan", name: "Megan Bowen" })).ok,
    ).toBe(true);
    // Certified 22 Dec 2023: reassessment 22 Dec 2026, its evidence due 10 working days before, on 8 Dec.
    await w.stores.certification.save(
      {
        tenantId: TENANT,
        scopeId: "council",
        scopeName: "Whole council",
        certifiedOn: "2023-12-22",
        evidenceLeadWorkingDays: 10,
        updatedBy: "cora",
        updatedByName: "Cora Coordinator",
        updatedAt: CREATED,
      },
      { scopeId: "council", from: "", to: "2023-12-22", byId: "cora", byName: "Cora Coordinator", at: CREATED },
    );
    // Megan's action in that campaign was due 10 Nov: by 1 Dec it is overdue by more than 14 days.
    await w.stores.participants.put({
      tenantId: TENANT,
      userId: "megan",
      displayName: "Megan Bowen",
      campaignId: campaign.id,
      lastSeenAt: CREATED,
    });
    await w.action(megan, { title: "Publish the complaints procedure in plain English", refs: "3.2.4", dueOn: "2026-11-10" });

    // Tuesday 1 Dec: 3 working days before the due date; 7 days before the evidence deadline.
    w.clock.set("2026-12-01T09:05:00Z");
    expect((await w.job.run("2026-12-01")).sent).toBe(2);
    const received = remindersByConversation(w.stub);
    const meganText = cardText(received.get(conversationOf("megan"))![0]);
    expect(meganText).toContain("CSE annual review 2027 4 elements not yet submitted, due 4 Dec 2026 (in 3 days)");
    expect(meganText).toContain("Publish the complaints procedure in plain English");
    const coraText = cardText(received.get(conversationOf("cora"))![0]);
    expect(coraText).toContain("Evidence due for three-year reassessment 8 Dec 2026 (in 7 days) · Whole council");
    expect(coraText).toContain("Overdue in your campaign (1)");
    expect(coraText).toContain("Megan Bowen · overdue by 21 days");

    // Nothing twice the same day; the next element reminder is 1 working day before (3 Dec).
    expect((await w.job.run("2026-12-01")).sent).toBe(0);
    w.stub.clear();
    w.clock.set("2026-12-02T09:05:00Z");
    await w.job.run("2026-12-02");
    expect(cardText(remindersByConversation(w.stub).get(conversationOf("megan"))?.[0] ?? {})).not.toContain("not yet submitted");
    w.stub.clear();
    w.clock.set("2026-12-03T09:05:00Z");
    await w.job.run("2026-12-03");
    expect(cardText(remindersByConversation(w.stub).get(conversationOf("megan"))![0])).toContain(
      "4 elements not yet submitted, due 4 Dec 2026 (tomorrow)",
    );
  });
});

describe("the outbox", () => {
  it("lets delivered messages go after a while, and keeps undelivered ones", async () => {
    const w = await reminderWorld({ now: CREATED });
    world = w;
    const item = (key: string) => ({
      kind: "date" as const,
      key,
      scopeName: "Whole council",
      label: "Annual review, year 1",
      on: "2027-03-15",
    });
    await w.stores.outbox.plan(TENANT, "2026-10-01", [
      { userId: "a", displayName: "A", items: [item("1")] },
      { userId: "b", displayName: "B", items: [item("2")] },
    ]);
    const [a] = (await w.stores.outbox.messages(TENANT, "2026-10-01")).filter((m) => m.userId === "a");
    await w.stores.outbox.record(a!, { status: "sent", at: CREATED });
    expect(await w.stores.outbox.forget(TENANT, "2026-10-01")).toBe(0); // nothing before that day
    expect(await w.stores.outbox.forget(TENANT, "2026-10-02")).toBe(1);
    expect((await w.stores.outbox.messages(TENANT, "2026-10-01")).map((m) => [m.userId, m.status])).toEqual([["b", "pending"]]);
  });
});
