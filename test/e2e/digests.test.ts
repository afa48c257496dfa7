/**
 * Channel digests over HTTP: a coordinator sets a channel's schedule, anyone posts a summary now,
 * and two schedulers post each channel's digest exactly once per period; a channel whose team
 * removed the app is recorded and skipped.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/adapter.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { ReminderScheduler } from "../../src/jobs/scheduler.js";
import { createLogger } from "../../src/logger.js";
import { createDigestJob, createReminderJob } from "../../src/reminders.js";
import { RolesService } from "../../src/services/roles.js";
import { ReportImportService } from "../../src/services/report-import.js";
import { CertificationService } from "../../src/services/certification.js";
import { readFileSync } from "node:fs";
import { SummaryService } from "../../src/services/summary.js";
import type { Actor } from "../../src/services/views.js";
import { openStores } from "../../src/store/index.js";
import { teamsWorld } from "../support/e2e.js";
import { connectionString } from "../support/storage.js";
import { dieAfterSends } from "../support/reminders.js";
import { cardText } from "../support/teams.js";

const TENANT = "tenant-digests-e2e";
const clock = fixedClock("2026-11-20T10:00:00Z"); // a Friday
const world = teamsWorld(TENANT, { clock });
const { user, client, stub } = world;
const CORA = user("user-cora", "Cora Coordinator");
const OLU = user("user-olu", "Olu Officer");
const leaders = client(CORA, "channel");
/** A second channel of the team, where Cora also types. */
const BOARD = "19:board@thread.tacv2";
const inBoard = (text: string) =>
  leaders.post({ type: "message", text, conversation: { id: BOARD, conversationType: "channel", tenantId: TENANT } });
const postsTo = (conversationId: string) => stub.sent.filter((s) => s.conversationId === conversationId && s.body.attachments);

/** A scheduler instance as another server would run it: its own stores, jobs and lease id. `dies`: it stops for good when it tries to post. */
async function instance(id: string, dies = false) {
  const stores = await openStores(connectionString(), world.bot().tablePrefix);
  const log = createLogger("silent");
  const adapter = createAdapter(loadConfig({}));
  const roles = new RolesService(stores, clock, log, []);
  const summaries = new SummaryService(stores, clock, (a: Actor) => roles.rolesOf(a));
  const digests = createDigestJob(stores, summaries, adapter, "", clock, log, { backoff: { attempts: 2, baseMs: 5, capMs: 10 } });
  if (dies) dieAfterSends(digests, 0);
  return new ReminderScheduler(createReminderJob(stores, adapter, "", clock, log), stores.outbox, clock, log, { instanceId: id, digests });
}

beforeAll(async () => {
  await client(CORA).say("setup");
  await client(OLU).install();
});

describe("setting up a channel's digest", () => {
  it("is for coordinators, needs a campaign, and says when it will come", async () => {
    await client(OLU, "channel").say("digest weekly");
    expect(world.textsTo(client(OLU, "channel")).at(-1)).toContain("Only a CSE coordinator can set up this channel's compliance digest.");
    await leaders.say("digest weekly");
    expect(world.textsTo(leaders).at(-1)).toContain("There is no open campaign to summarise yet.");

    await client(CORA).say("assess 4.1.2"); // the council's first campaign starts here
    await leaders.say("digest weekly monday 09:00");
    expect(world.textsTo(leaders).at(-1)).toMatch(
      /This channel will get the compliance summary of ".*" every Monday at 09:00 \(UK time\)\./,
    );
    await inBoard("digest monthly 1 no-names");
    expect(stub.texts().at(-1)).toContain("on the 1st of each month at 09:00 (UK time), without people's names.");
    await leaders.say("digest fortnightly");
    expect(world.textsTo(leaders).at(-1)).toContain("digest weekly, digest monthly or digest off");
    const stored = await world.bot().stores.digests.list(TENANT);
    expect(stored.map((d) => [d.channelId, d.schedule.cadence]).sort()).toEqual([
      [BOARD, "monthly"],
      [leaders.conversationId, "weekly"],
    ]);
  });

  it("posts a summary now when anyone asks, and its drill-down answers only the person who pressed it", async () => {
    const cora = client(CORA);
    await cora.say("assess 4.1.2");
    await cora.press(world.cardFor(cora), "Save", { rating: "partial", narrative: "Planning timeliness missed its target in Q2." });
    const olu = client(OLU, "channel");
    await olu.say("summary");
    const card = world.cardFor(olu);
    expect(cardText(card)).toContain("CSE compliance summary");
    expect(cardText(card)).toContain("4.1.2");

    const sentBefore = stub.sent.length;
    const drill = await olu.press(card, "Criterion 4");
    const text = cardText(drill.body.value);
    expect(text).toContain("Criterion 4: Delivery");
    expect(text).toContain("0 of 13 elements at Compliance or better; needing work: 4.1.2.");
    expect(text).toContain("Partial Compliance");
    expect(text).toContain("In progress · No owner yet · 0 evidence links"); // status, owner and evidence for each element
    expect(stub.sent.length).toBe(sentBefore); // nothing posted or changed for everyone else

    const forged = await olu.invoke("cse.summaryCriterion", { campaignId: "another-councils-campaign", criterion: "4" });
    expect(forged.body.value).toBe("That campaign is not in your organisation.");
  });
});

describe("the assessor's ratings beside the council's", () => {
  it("compare lists where the council rates itself higher or lower, and the drill-down shows the assessor's rating", async () => {
    const stores = world.bot().stores;
    const campaignId = (await stores.campaigns.activeCampaignId(TENANT))!;
    const log = createLogger("silent");
    const roles = new RolesService(stores, clock, log, []);
    const rolesOf = (a: Actor) => roles.rolesOf(a);
    const imports = new ReportImportService({ stores, clock, log, rolesOf }, new CertificationService({ stores, clock, log, rolesOf }));
    const report = readFileSync(new URL("../fixtures/assessor-report-oadby-wigston-2023.txt", import.meta.url), "utf8");
    expect((await imports.apply({ tenantId: TENANT, userId: CORA.aadObjectId, displayName: CORA.name }, campaignId, report)).ok).toBe(true);

    const cora = client(CORA);
    await cora.say("assess 1.3.1");
    await cora.press(world.cardFor(cora), "Save", { rating: "compliance" });
    await cora.say("compare");
    const text = world.textsTo(cora).at(-1)!;
    expect(text).toMatch(/against the assessor's last report:\*\* 1 the same, 0 higher, 1 lower, 55 not yet rated\./);
    expect(text).toContain("**Rated lower:** 1.3.1: yours Compliance, assessor Compliance Plus.");

    await cora.say("summary");
    const drill = await cora.press(world.cardFor(cora), "Criterion 4");
    expect(cardText(drill.body.value)).toContain("In progress · Assessor: Partial Compliance · No owner yet · 0 evidence links");
  });
});

describe("scheduled digests", () => {
  it("posts each channel once per period, whichever of two instances holds the lease", async () => {
    const [a, b] = await Promise.all([instance("a"), instance("b")]);
    clock.set("2026-11-23T09:05:00Z"); // Monday: the weekly one is due; the monthly one (2 Nov) was due this month too
    await Promise.all([a.tick(), b.tick()]);
    await a.stop(); // gives the lease up: b may now run, and finds nothing left to post
    await b.tick();
    expect(postsTo(leaders.conversationId)).toHaveLength(1);
    expect(postsTo(BOARD)).toHaveLength(1);
    expect(cardText(postsTo(leaders.conversationId)[0]!.body.attachments[0].content)).toContain("CSE compliance summary");
    expect((await world.bot().stores.digests.get(TENANT, leaders.conversationId))?.lastPeriod).toBe("2026-W48");

    clock.set("2026-11-30T09:05:00Z"); // the next Monday: the weekly one again, not the monthly one
    await b.tick();
    await b.stop();
    expect(postsTo(leaders.conversationId)).toHaveLength(2);
    expect(postsTo(BOARD)).toHaveLength(1);
    // The second post compares with what the first showed (stored with the channel).
    expect(cardText(postsTo(leaders.conversationId)[1]!.body.attachments[0].content)).toContain("No change since 23 Nov 2026");
  });

  it("posts once when the instance posting dies mid-run and another takes over", async () => {
    clock.set("2026-11-30T09:10:00Z"); // the week already posted: nothing due
    const dying = await instance("dying", true);
    expect((await world.bot().stores.digests.get(TENANT, BOARD))?.showOwners).toBe(false);
    clock.set("2026-12-01T09:05:00Z"); // December: the board's monthly digest (1 Dec, a Tuesday) is due
    void dying.tick();
    await expect.poll(async () => (await world.bot().stores.outbox.leaseHolder("reminders", clock.now())) === "dying").toBe(true);
    const other = await instance("survivor");
    expect(await other.tick()).toBeUndefined(); // the dying instance still holds the lease
    clock.set("2026-12-01T09:08:00Z"); // its lease has expired
    await other.tick();
    await other.stop();
    expect(postsTo(BOARD)).toHaveLength(2);
    expect((await world.bot().stores.digests.get(TENANT, BOARD))?.lastPeriod).toBe("2026-12");
  });

  it("records a channel whose team removed the app, and skips it afterwards", async () => {
    stub.failConversation(leaders.conversationId, 403);
    const scheduler = await instance("c");
    clock.set("2026-12-07T09:05:00Z");
    await scheduler.tick();
    const digest = await world.bot().stores.digests.get(TENANT, leaders.conversationId);
    expect(digest).toMatchObject({ status: "unreachable", reason: "the app was removed or is not installed for them" });
    const failedBefore = stub.failed;
    clock.set("2026-12-14T09:05:00Z");
    await scheduler.tick();
    await scheduler.stop();
    expect(stub.failed).toBe(failedBefore);
  });
});
