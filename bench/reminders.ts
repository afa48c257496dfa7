/**
 * Benchmark: the daily reminder run at council scale, in two parts, against a connector stub
 * that enforces Teams' limits with 429s (50 messages per second per tenant, and the
 * per-conversation windows). Figures are printed, not asserted.
 *
 *  1. Sending: PEOPLE (10,000) one-to-one reminders through the outbound queue. Throughput is
 *     shown as a share of the 50/s ceiling (the baseline), with 429s, duplicates and losses.
 *  2. The sweep: DUE actions due today among NOT_DUE actions that are not; run twice, without and
 *     with the NOT_DUE ones, to show the sweep's storage requests depend only on what is due. The
 *     tenant also has STANDARDS service standards (half monthly, half quarterly, a third with
 *     their last figure recorded) and a coordinator, so the figures path is measured on its own:
 *     owners reminded of figures owed, the coordinator's line of those overdue.
 *
 * Azurite keeps a partition in one in-memory list and checks every insert against it, so writing
 * 100,000 actions into one tenant takes hours there; the sweep part therefore defaults to
 * DUE=2,000 and NOT_DUE=10,000. Point TABLES_CONNECTION_STRING at a real storage account for the
 * issue's full 10,000 + 100,000.
 *
 *   npm run bench:reminders            PEOPLE=10000 DUE=2000 NOT_DUE=10000 STANDARDS=30 LATENCY_MS=20
 */
import { createAdapter } from "../src/bot/adapter.js";
import { fixedClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import type { ImprovementAction } from "../src/domain/actions.js";
import { londonTime } from "../src/domain/calendar.js";
import { DEFAULT_POLICY, nextActionReminder } from "../src/domain/reminders.js";
import { periodOwed } from "../src/domain/figure-reminders.js";
import type { ServiceStandard } from "../src/domain/standards.js";
import { figureSources } from "../src/jobs/figure-reminders.js";
import { createLogger } from "../src/logger.js";
import { createReminderJob } from "../src/reminders.js";
import { startAzurite } from "../src/store/azurite.js";
import { encodeKeyPart } from "../src/store/keys.js";
import { openStores, type Stores } from "../src/store/index.js";
import { OutboundQueue } from "../src/jobs/sender.js";
import { TeamsDelivery } from "../src/bot/delivery.js";
import { ConnectorStub } from "../test/support/connector-stub.js";

const PEOPLE = Number(process.env.PEOPLE ?? 10_000);
const DUE = Number(process.env.DUE ?? 2_000);
const NOT_DUE = Number(process.env.NOT_DUE ?? 10_000);
const STANDARDS = Number(process.env.STANDARDS ?? 30);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const DAY = "2026-11-25"; // a Wednesday: 1 working day before 26 Nov
const CEILING = 50;
const n = (x: number) => x.toLocaleString("en-GB");

async function main(): Promise<void> {
  const azurite = process.env.TABLES_CONNECTION_STRING ? undefined : await startAzurite();
  const connection = process.env.TABLES_CONNECTION_STRING ?? azurite!.connectionString;
  const log = createLogger("silent");
  const adapter = createAdapter(loadConfig({}));
  const rows: [string, string][] = [];
  try {
    // 1. Sending.
    {
      const stub = await new ConnectorStub({ enforceLimits: true, latencyMs: LATENCY_MS }).start();
      const stores = await openStores(connection, `benchsend${Date.now() % 100000}`);
      const tenant = "bench-send";
      const people = await seedPeople(stores, tenant, PEOPLE, stub.url);
      const clock = fixedClock(londonTime(DAY, 9, 5).toISOString());
      await stores.outbox.plan(
        tenant,
        DAY,
        people.map((id) => ({
          userId: id,
          displayName: `Officer ${id}`,
          items: [{ kind: "action", key: `a|${id}`, id: "1", title: "Publish service standards", refs: ["3.2.1"], dueOn: "2026-11-26" }],
        })),
      );
      const job = createReminderJob(stores, adapter, "", clock, log);
      const before = stores.tables.requestCount;
      const started = performance.now();
      const stats = await job.deliver(tenant, DAY, new OutboundQueue(new TeamsDelivery(adapter, "", stores.tenants, log), log));
      const seconds = (performance.now() - started) / 1000;
      const perSecond = stats.sent / seconds;
      rows.push(
        ["Sending: messages", `${n(stats.sent)} to ${n(PEOPLE)} people in ${seconds.toFixed(1)} s (Connector latency ${LATENCY_MS} ms)`],
        [
          "Sending: messages per second",
          `${perSecond.toFixed(1)}: ratio to the ${CEILING}/s ceiling ${(perSecond / CEILING).toFixed(3)} (${((100 * perSecond) / CEILING).toFixed(1)}%)`,
        ],
        ["Sending: 429s received", `${n(stub.throttled)} (retries ${n(stats.retries)})`],
        ["Sending: duplicates", String(stub.duplicates().length)],
        ["Sending: lost", String(PEOPLE - stub.acceptedByConversation.size)],
        [
          "Sending: storage requests",
          `${n(stores.tables.requestCount - before)} (one to read the day's messages, one page per 1,000 people, one write per message)`,
        ],
      );
      await stub.stop();
    }
    // 2. The sweep, without and with actions that are not due.
    for (const notDue of [0, NOT_DUE]) {
      const stub = await new ConnectorStub().start();
      const stores = await openStores(connection, `benchsweep${notDue}x${Date.now() % 100000}`);
      const tenant = "bench-sweep";
      const clock = fixedClock("2026-11-02T10:00:00Z");
      const seeded = performance.now();
      const people = await seedPeople(stores, tenant, DUE, stub.url);
      await seedActions(stores, tenant, people, notDue, clock.now().toISOString());
      const coordinator = await seedStandards(stores, tenant, people, clock.now().toISOString());
      const seedSeconds = (performance.now() - seeded) / 1000;
      clock.set(londonTime(DAY, 9, 5).toISOString());
      const job = createReminderJob(stores, adapter, "", clock, log);
      // The figures path alone (read-only: the plan below runs it again and writes).
      const figuresBefore = stores.tables.requestCount;
      const figuresStarted = performance.now();
      const { sources } = await figureSources(stores, tenant, DAY, [coordinator], DEFAULT_POLICY);
      const figuresMs = performance.now() - figuresStarted;
      const figureRequests = stores.tables.requestCount - figuresBefore;
      const before = stores.tables.requestCount;
      const started = performance.now();
      const plan = await job.plan(tenant, DAY);
      const ms = performance.now() - started;
      rows.push([
        `Sweep: ${n(DUE)} due among ${n(DUE + notDue)} actions`,
        `${n(plan.messages)} messages planned, ${n(plan.actionsMoved)} actions moved on, ${n(stores.tables.requestCount - before)} storage requests, ${(ms / 1000).toFixed(1)} s (seeding took ${seedSeconds.toFixed(0)} s)`,
      ]);
      const planned = (await stores.outbox.messages(tenant, DAY)).flatMap((m) => m.items);
      const owned = sources.filter((source) => source.items.some(({ item }) => item.kind === "figure")).length;
      rows.push([
        `Sweep: figures of ${n(STANDARDS)} standards`,
        `${n(owned)} owners reminded, coordinator line ${sources.length > owned ? "sent" : "not due"}; ${n(figureRequests)} storage requests, ${figuresMs.toFixed(0)} ms alone; in the messages: ${n(planned.filter((i) => i.kind === "figure").length)} figure items, ${n(planned.filter((i) => i.kind === "unreported").length)} coordinator line`,
      ]);
      await stub.stop();
    }
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log("");
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  } finally {
    await azurite?.stop();
  }
}

/** `count` people who have chatted with the bot (so have a one-to-one conversation at the stub). */
async function seedPeople(stores: Stores, tenant: string, count: number, serviceUrl: string): Promise<string[]> {
  const pk = encodeKeyPart(tenant);
  const people = Array.from({ length: count }, (_, i) => `person-${String(i).padStart(5, "0")}`);
  for (let i = 0; i < people.length; i += 100) {
    await stores.tables.transact(
      "Participants",
      people.slice(i, i + 100).map((id) => [
        "upsert",
        {
          partitionKey: pk,
          rowKey: encodeKeyPart(id),
          displayName: `Officer ${id.slice(7)}`,
          lastSeenAt: "2026-11-02T10:00:00Z",
          conversation: JSON.stringify({
            channelId: "msteams",
            serviceUrl,
            conversation: { id: `a:${id}`, conversationType: "personal", tenantId: tenant },
            bot: { id: "28:bench" },
            user: { id: `29:${id}`, aadObjectId: id },
          }),
        },
      ]),
    );
  }
  await stores.tenants.register(tenant, serviceUrl);
  return people;
}

/** One action due tomorrow per person, and `notDue` more due months from now. */
async function seedActions(stores: Stores, tenant: string, people: readonly string[], notDue: number, at: string): Promise<void> {
  const by = { userId: "bench-coordinator", name: "Bench Coordinator" };
  const action =
    (owner: string, dueOn: string) =>
    (id: string): ImprovementAction => ({
      tenantId: tenant,
      id,
      title: `Improvement action for ${owner}`,
      description: "",
      refs: ["3.2.1"],
      owner: { userId: owner, name: `Officer ${owner.slice(7)}` },
      dueOn,
      priority: "medium",
      status: "open",
      createdBy: by,
      createdAt: at,
      updatedAt: at,
    });
  const builds = [
    ...people.map((p) => action(p, "2026-11-26")),
    ...Array.from({ length: notDue }, (_, i) => action(people[i % people.length]!, `2027-0${1 + (i % 9)}-15`)),
  ];
  const today = at.slice(0, 10);
  for (let i = 0; i < builds.length; i += 5_000)
    await stores.actionImports.importMany(tenant, builds.slice(i, i + 5_000), (a) => nextActionReminder(a, today)?.on, { by, at });
}

/**
 * STANDARDS standards owned by the first people, half monthly and half quarterly, every third
 * with its last figure recorded, and a coordinator (the first person). On DAY, October's figures
 * are overdue (due 13 Nov, reminded 23 Nov: within the week caught up), Q2's too (last reminded
 * 12 Nov), so the owners of monthly ones hear and the coordinator gets the line.
 */
async function seedStandards(stores: Stores, tenant: string, people: readonly string[], at: string) {
  const coordinator = { userId: people[0]!, name: `Officer ${people[0]!.slice(7)}` };
  await stores.roles.save(
    { tenantId: tenant, userId: coordinator.userId, displayName: coordinator.name, roles: ["coordinator"] },
    {
      targetId: coordinator.userId,
      targetName: coordinator.name,
      role: "coordinator",
      change: "setup",
      byId: coordinator.userId,
      byName: coordinator.name,
      at,
    },
    true,
  );
  for (let i = 0; i < STANDARDS; i++) {
    const owner = people[i % people.length]!;
    const standard: ServiceStandard = {
      id: `bench-standard-${i}`,
      promise: `We will keep promise number ${i} to every resident, whichever way they contact us`,
      measure: { kind: "percentage" },
      target: { value: 90, better: "higher" },
      frequency: i % 2 === 0 ? "monthly" : "quarterly",
      owner: { userId: owner, name: `Officer ${owner.slice(7)}` },
      published: true,
      refs: ["4.1.2"],
    };
    await stores.standards.create(tenant, standard, { by: coordinator, at });
    if (i % 3 === 0) {
      const periodId = periodOwed(standard.frequency, DAY).id;
      await stores.standards.putFigure(tenant, { standardId: standard.id, periodId, value: 92 }, undefined, coordinator, at);
    }
  }
  return coordinator;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
