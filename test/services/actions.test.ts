/**
 * Improvement actions through ActionService on real Azurite: what a create checks, who may change
 * an action, what coordinators and others may list, the actions an element shows, reassigning
 * (the new owner is told), and two changes at once both landing.
 */
import { describe, expect, it, vi } from "vitest";
import { ACTION_LIMITS } from "../../src/domain/actions.js";
import { ActionService } from "../../src/services/actions.js";
import type { Actor } from "../../src/services/walkthrough.js";
import { serviceWorld } from "../support/services.js";

const TENANT = "tenant-actions";
const person = (id: string, name: string, conversation?: string): Actor => ({
  tenantId: TENANT,
  userId: id,
  displayName: name,
  conversation,
});
const CORA = person("cora", "Cora Coordinator");
const OLU = person("olu", "Olu Officer", JSON.stringify({ conversation: { id: "a:olu" } }));
const PAT = person("pat", "Pat Contributor");
const MEGAN = person("megan", "Megan Bowen", JSON.stringify({ conversation: { id: "a:megan" } }));
const LEE = person("lee", "Lee Leader");

async function setUp() {
  const world = await serviceWorld({ now: "2026-11-20T10:00:00Z" });
  const { stores, clock, log, rolesOf, notifier, roles, walkthrough } = world;
  await roles.setup(CORA);
  await roles.grant(CORA, PAT, "contributor");
  await roles.grant(CORA, LEE, "leader");
  for (const who of [OLU, MEGAN]) await walkthrough.greet(who);
  const actions = new ActionService({ stores, clock, log, rolesOf }, notifier);
  const create = async (who: Actor, refs: string, dueOn = "2026-12-01", title = "Publish service standards for housing repairs") => {
    const outcome = await actions.create(who, { title, refs, dueOn, description: "On the website and in every reception." });
    if (!outcome.ok) throw new Error(outcome.refusal.message);
    return outcome.action;
  };
  const stored = (id: string) => stores.actions.get(TENANT, id);
  return { ...world, actions, create, stored };
}

describe("creating an improvement action", () => {
  it("stores a checked action owned by its creator, numbered, on each element it covers", async () => {
    const { actions, stores } = await setUp();
    const outcome = await actions.create(OLU, {
      title: "  Publish   service standards ",
      refs: "4.1.2, 3.2.1 3.2.1",
      dueOn: "2026-12-01",
      priority: "high",
    });
    expect(outcome).toMatchObject({ ok: true, message: "Improvement action 1 created, due 1 Dec 2026, owned by Olu Officer." });
    expect(await stores.actions.get(TENANT, "1")).toMatchObject({
      title: "Publish service standards",
      refs: ["3.2.1", "4.1.2"],
      owner: { userId: "olu" },
      status: "open",
      priority: "high",
      dueOn: "2026-12-01",
    });
    expect((await actions.create(OLU, { title: "Second one", refs: "1.1.1", dueOn: "2026-12-01" })).ok && "numbered").toBe("numbered");
    expect((await stores.actions.get(TENANT, "2"))?.priority).toBe("medium");
  });

  it.each([
    ["an element that is not in the standard", { refs: "3.2.1, 3.9.9" }, '"3.9.9" is not an element of the CSE standard.'],
    ["no element", { refs: " , " }, "Please say which element"],
    ["a due date in the past", { dueOn: "2026-11-19" }, "The due date is in the past."],
    ["a due date that is not a date", { dueOn: "2026-02-30" }, "The due date is not a real date."],
    ["an oversize title", { title: "x".repeat(ACTION_LIMITS.titleChars + 1) }, `The title`],
  ])("refuses %s, and stores nothing", async (_what, change, message) => {
    const { actions, stores } = await setUp();
    const outcome = await actions.create(OLU, { title: "Publish service standards", refs: "3.2.1", dueOn: "2026-12-01", ...change });
    expect(outcome).toMatchObject({ ok: false, refusal: { message: expect.stringContaining(message) } });
    expect(await stores.actions.list(TENANT)).toEqual([]);
    expect(await stores.actions.forElement(TENANT, "3.2.1")).toEqual([]);
  });

  it("refuses a leader (read-only), and stores nothing", async () => {
    const { actions, stores } = await setUp();
    expect(await actions.create(LEE, { title: "Publish standards", refs: "3.2.1", dueOn: "2026-12-01" })).toMatchObject({
      ok: false,
      refusal: { code: "not-allowed" },
    });
    expect(await stores.actions.list(TENANT)).toEqual([]);
  });
});

describe("working an action", () => {
  it("lets its owner change the status and add progress notes, newest first, audited", async () => {
    const { actions, create, stored, stores, clock } = await setUp();
    const { id } = await create(OLU, "3.2.1");
    // Each change a little later than the last, as people's are, so the audit has an order.
    clock.set("2026-11-20T10:30:00Z");
    expect(await actions.setStatus(OLU, id, "in-progress")).toMatchObject({ ok: true, message: "Action 1 is now in progress." });
    clock.set("2026-11-20T11:00:00Z");
    expect(await actions.addNote(OLU, id, "Draft agreed with the repairs team.")).toMatchObject({ ok: true });
    clock.set("2026-11-20T12:00:00Z");
    await actions.addNote(OLU, id, "Published on the website.");
    clock.set("2026-11-20T13:00:00Z");
    expect(await actions.setStatus(OLU, id, "done")).toMatchObject({ ok: true, message: "Action 1 is now done." });
    expect((await stored(id))?.status).toBe("done");
    expect((await stores.actions.notes(TENANT, id)).map((n) => [n.by.name, n.text])).toEqual([
      ["Olu Officer", "Published on the website."],
      ["Olu Officer", "Draft agreed with the repairs team."],
    ]);
    expect((await stores.actions.history(TENANT, id)).map((c) => `${c.field}:${c.from}>${c.to}`)).toEqual([
      "status:in-progress>done",
      "status:open>in-progress",
      "created:>Publish service standards for housing repairs",
    ]);
    const view = await actions.view(OLU, id);
    expect(view).toMatchObject({
      canEdit: true,
      overdue: false,
      notes: [{ text: "Published on the website." }, { text: "Draft agreed with the repairs team." }],
    });
  });

  it("refuses a contributor's change to someone else's action, and stores nothing", async () => {
    const { actions, create, stored, stores } = await setUp();
    const { id } = await create(OLU, "3.2.1");
    const before = await stored(id);
    const refusal = { ok: false, refusal: { code: "not-allowed", message: "Only the action's owner or a CSE coordinator can change it." } };
    expect(await actions.setStatus(PAT, id, "cancelled")).toMatchObject(refusal);
    expect(await actions.addNote(PAT, id, "Not needed any more")).toMatchObject(refusal);
    expect(await actions.changeDueDate(PAT, id, "2027-06-01")).toMatchObject(refusal);
    expect(await actions.snooze(PAT, id, "week")).toMatchObject(refusal);
    expect(await actions.reassign(PAT, id, { userId: "pat", name: "Pat Contributor" })).toMatchObject(refusal);
    expect(await stored(id)).toEqual(before);
    expect(await stores.actions.notes(TENANT, id)).toEqual([]);
    expect(await stores.actions.history(TENANT, id)).toHaveLength(1);
    expect(await actions.view(PAT, id)).toMatchObject({ canEdit: false });
    expect(await actions.view(CORA, id)).toMatchObject({ canEdit: true });
  });

  it("lets its owner snooze reminders and move the due date, but not into the past", async () => {
    const { actions, create, stored } = await setUp();
    const { id } = await create(OLU, "3.2.1");
    // Friday 20 November 2026: a week of working days on is Friday the 27th.
    expect(await actions.snooze(OLU, id, "week")).toMatchObject({
      ok: true,
      message: "Reminders for action 1 are snoozed until 27 Nov 2026.",
    });
    expect((await stored(id))?.snoozedUntil).toBe("2026-11-27");
    expect(await actions.changeDueDate(OLU, id, "2026-11-01")).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining("in the past") },
    });
    expect((await stored(id))?.dueOn).toBe("2026-12-01");
    expect(await actions.changeDueDate(OLU, id, "2027-01-15")).toMatchObject({ ok: true, message: "Action 1 is now due 15 Jan 2027." });
    expect(await stored(id)).toMatchObject({ dueOn: "2027-01-15", snoozedUntil: undefined });
  });

  it("refuses an action number from another organisation", async () => {
    const { actions, create } = await setUp();
    const { id } = await create(OLU, "3.2.1");
    const stranger: Actor = { ...CORA, tenantId: "tenant-elsewhere" };
    expect(await actions.setStatus(stranger, id, "done")).toMatchObject({
      ok: false,
      refusal: { message: "That improvement action is not in your organisation, so nothing was changed." },
    });
  });
});

describe("listing actions", () => {
  it("shows coordinators everyone's, narrowed by owner, element or overdue; others only their own", async () => {
    const { actions, create, clock } = await setUp();
    await create(OLU, "3.2.1", "2026-12-01");
    await create(PAT, "4.1.2", "2026-11-25");
    await create(CORA, "1.1.1, 3.2.1", "2027-01-10");
    const ids = async (who: Actor, filter: Parameters<ActionService["list"]>[1]) => {
      const view = await actions.list(who, filter);
      return "actions" in view ? view.actions.map((a) => a.id) : view.message;
    };
    expect(await ids(CORA, { all: true })).toEqual(["2", "1", "3"]);
    expect(await ids(CORA, { all: true, ownerId: "pat" })).toEqual(["2"]);
    expect(await ids(CORA, { all: true, ref: "3.2.1" })).toEqual(["1", "3"]);
    expect(await ids(CORA, { all: true, overdueOnly: true })).toEqual([]);
    expect(await ids(LEE, { all: true })).toEqual(["2", "1", "3"]);
    expect(await ids(PAT, {})).toEqual(["2"]);
    expect(await ids(PAT, { all: true })).toBe("Only CSE coordinators and leaders can see everyone's actions. Type actions to see yours.");
    expect(await ids(PAT, { ownerId: "olu" })).toContain("Only CSE coordinators");

    clock.set("2026-11-26T09:00:00Z");
    expect(await ids(CORA, { all: true, overdueOnly: true })).toEqual(["2"]);
    clock.set("2026-12-02T09:00:00Z");
    // Overdue ones first, oldest due date first.
    expect(await ids(CORA, { all: true })).toEqual(["2", "1", "3"]);
    expect(await ids(CORA, { all: true, overdueOnly: true })).toEqual(["2", "1"]);
    await actions.setStatus(PAT, "2", "done");
    expect(await ids(CORA, { all: true, overdueOnly: true })).toEqual(["1"]);
    expect(await actions.view(OLU, "1")).toMatchObject({ overdue: true });
  });

  it("shows an action covering 3.2.1 and 4.1.2 on both elements, and keeps them up to date", async () => {
    const { actions, create } = await setUp();
    const { id } = await create(OLU, "3.2.1, 4.1.2");
    await create(OLU, "1.1.1");
    for (const ref of ["3.2.1", "4.1.2"])
      expect(await actions.forElement(OLU, ref)).toEqual([
        {
          id,
          title: "Publish service standards for housing repairs",
          status: "open",
          dueOn: "2026-12-01",
          owner: { userId: "olu", name: "Olu Officer" },
        },
      ]);
    await actions.setStatus(OLU, id, "on-hold");
    expect(await actions.forElement(CORA, "4.1.2")).toMatchObject([{ id, status: "on-hold" }]);
    expect(await actions.forElement(OLU, "3.2.2")).toEqual([]);
  });
});

describe("reassigning an action", () => {
  it("moves it to the new owner, who is told one-to-one and may then change it", async () => {
    const { actions, create, stored, notifier } = await setUp();
    const { id } = await create(OLU, "3.2.1, 4.1.2");
    const outcome = await actions.reassign(CORA, id, { userId: "megan", name: "Megan Bowen" });
    expect(outcome).toMatchObject({ ok: true, message: "Action 1 now belongs to Megan Bowen. Megan Bowen has been told." });
    expect((await stored(id))?.owner).toEqual({ userId: "megan", name: "Megan Bowen" });
    expect(notifier.sent).toEqual([
      {
        conversation: MEGAN.conversation,
        text: 'Cora Coordinator gave you improvement action 1: "Publish service standards for housing repairs", due 1 Dec 2026. Type action 1 to see it.',
      },
    ]);
    expect(await actions.forElement(CORA, "4.1.2")).toMatchObject([{ owner: { userId: "megan" } }]);
    expect(await actions.list(MEGAN, {})).toMatchObject({ actions: [{ id }] });
    expect((await actions.setStatus(MEGAN, id, "in-progress")).ok).toBe(true);
    expect((await actions.setStatus(OLU, id, "done")).ok).toBe(false);
    // Giving it to its owner again is no news to anyone.
    expect(await actions.reassign(CORA, id, { userId: "megan", name: "Megan Bowen" })).toMatchObject({
      ok: true,
      message: "Action 1 already belongs to Megan Bowen.",
    });
    expect(notifier.sent).toHaveLength(1);
  });

  it("tells a new owner who never chatted with the bot in a chat it opens, and keeps that chat", async () => {
    const { actions, create, notifier, stores } = await setUp();
    const { id } = await create(OLU, "3.2.1");
    expect(await actions.reassign(OLU, id, { userId: "pat", name: "Pat Contributor" })).toMatchObject({
      ok: true,
      message: expect.stringContaining("Pat Contributor has been told."),
    });
    expect(notifier.sent.at(-1)).toMatchObject({
      conversation: "opened:pat",
      text: expect.stringContaining(`gave you improvement action ${id}`),
    });
    expect((await stores.participants.get(TENANT, "pat"))?.conversation).toBe("opened:pat");
  });
});

describe("two changes at once", () => {
  it("lands both a status change and a note made from the same version (ETag retry)", async () => {
    const { actions, create, stored, stores } = await setUp();
    const { id } = await create(OLU, "3.2.1");
    // Both changes read the action before either writes, so one write must meet the other's.
    const realGet = stores.actions.get.bind(stores.actions);
    let reads = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    vi.spyOn(stores.actions, "get").mockImplementation(async (tenantId, actionId) => {
      const action = await realGet(tenantId, actionId);
      if (++reads <= 2) {
        if (reads === 2) release();
        await bothRead;
      }
      return action;
    });
    const [status, note] = await Promise.all([
      actions.setStatus(OLU, id, "on-hold"),
      actions.addNote(OLU, id, "Waiting for the new website."),
    ]);
    expect([status.ok, note.ok]).toEqual([true, true]);
    expect(reads).toBeGreaterThan(2);
    expect((await stored(id))?.status).toBe("on-hold");
    expect((await stores.actions.notes(TENANT, id)).map((n) => n.text)).toEqual(["Waiting for the new website."]);
  });
});
