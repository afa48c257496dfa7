/**
 * Two bot instances on one Azurite, as two App Service instances behind a load balancer: what
 * one saves, the other shows at once; edits from stale cards on either are caught by ETags; and
 * with both schedulers running, each reminder goes out once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { capturingLogger, startBot } from "../support/bot.js";
import { ConnectorStub } from "../support/connector-stub.js";
import { uniquePrefix } from "../support/storage.js";
import { cardText, TeamsClient, type InvokeReply } from "../support/teams.js";

const TENANT = "tenant-scale-out";
const stub = new ConnectorStub();
// Monday 2 Nov 2026, 10:00 in London: reminders go out.
const clock = fixedClock("2026-11-02T10:00:00Z");
const prefix = uniquePrefix();
const logs = { a: capturingLogger(), b: capturingLogger() };
let a: Awaited<ReturnType<typeof startBot>>;
let b: Awaited<ReturnType<typeof startBot>>;
const SAM = { tenantId: TENANT, aadObjectId: "user-sam", name: "Sam Patel" };
const MEGAN = { tenantId: TENANT, aadObjectId: "user-megan", name: "Megan Bowen" };
const on = (bot: () => { url: string }, who: typeof SAM) =>
  new TeamsClient(
    () => bot().url,
    () => stub.url,
    who,
  );
const card = (reply: InvokeReply) => reply.body.value as Record<string, any>;
const lastCard = (who: TeamsClient) => stub.cards(who.conversationId).at(-1)!;

beforeAll(async () => {
  await stub.start();
  const scheduler = (instanceId: string) => ({ instanceId, intervalMs: 150, leaseMs: 3000 });
  a = await startBot({ tablePrefix: prefix, clock, log: logs.a.log, env: { REMINDERS: "on" }, scheduler: scheduler("instance-a") });
  b = await startBot({ tablePrefix: prefix, clock, log: logs.b.log, env: { REMINDERS: "on" }, scheduler: scheduler("instance-b") });
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await stub.stop();
});

describe("two instances on one storage account", () => {
  it("a card action on one is seen by the other at once", async () => {
    const samOnA = on(() => a, SAM);
    const samOnB = on(() => b, SAM);
    await samOnA.say("assess 3.2.1");
    const saved = await samOnA.press(lastCard(samOnA), "Save", {
      rating: "compliance",
      narrative: "Plain English checked by the readers' panel.",
    });
    expect(cardText(card(saved))).toContain("Saved.");

    await samOnB.say("assess 3.2.1");
    const onB = lastCard(samOnB);
    expect(cardText(onB)).toContain("Current rating: **Compliance**");
    expect(JSON.stringify(onB)).toContain("Plain English checked by the readers' panel.");

    // Sam's older card from A, pressed after B saved something else, is caught, not lost.
    const changedOnB = await samOnB.press(onB, "Save", { rating: "partial" });
    expect(cardText(card(changedOnB))).toContain("Current rating: **Partial Compliance**");
    const stale = await samOnA.press(card(saved), "Save", { rating: "compliance-plus" });
    expect(cardText(card(stale))).toContain(
      "Someone else changed the rating to Partial Compliance while you were editing, so your change was not saved.",
    );
    expect((await a.stores.assessments.get(TENANT, "cse-2026", "council", "3.2.1"))?.rating).toBe("partial");
  });

  it("with both schedulers running, a reminder goes out once, from whichever holds the lease", async () => {
    const megan = on(() => b, MEGAN);
    await megan.install();
    // Due Wednesday: its owner is reminded one working day before, on Tuesday.
    const created = await megan.invoke("cse.actionCreate", {
      title: "Publish the complaints leaflet in Polish",
      dueOn: "2026-11-04",
      refs: "3.2.1",
      priority: "high",
    });
    expect(cardText(card(created))).toContain("created");
    clock.set("2026-11-03T09:30:00Z");

    const reminders = () =>
      stub.sent.filter((s) => s.conversationId === megan.conversationId && JSON.stringify(s.body).includes("CSE reminders"));
    for (let waited = 0; reminders().length === 0 && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    // Both keep looking every 150 ms; give them time to send it again if they were going to.
    await new Promise((r) => setTimeout(r, 1500));
    expect(reminders()).toHaveLength(1);
    const runs = (lines: Record<string, unknown>[]) => lines.filter((l) => l.msg === "reminder run finished");
    const sentBy = [logs.a.lines, logs.b.lines].map((lines) => runs(lines).reduce((n, l) => n + Number(l.sent), 0));
    expect(sentBy.sort()).toEqual([0, 1]);
    // Both instances did look; only one sent.
    expect(runs(logs.a.lines).length + runs(logs.b.lines).length).toBeGreaterThan(1);
  });
});
