/**
 * Benchmark: how long a self-assessment card action takes end to end (HTTP in, storage, card
 * out) and how many storage requests it costs, against two baselines measured in the same run:
 * GET /healthz (one HTTP round trip, one storage request), and the floor of the stack
 * (bench/floor.ts: the same HTTP path and teams-ai Application answering with a fixed card, no
 * storage), for typed commands and card presses. Figures are printed, not asserted.
 *
 *   npm run bench            (ITERATIONS=200 by default)
 */
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startServer } from "../src/server.js";
import { COUNCIL_UNIT, emptyAssessment } from "../src/domain/assessment.js";
import { defaultCampaign } from "../src/domain/campaign.js";
import { ELEMENTS } from "../src/standard/index.js";
import type { Stores } from "../src/store/index.js";
import { startAzurite } from "../src/store/azurite.js";
import { seedStandards } from "./seed-standards.js";
import { ConnectorStub } from "../test/support/connector-stub.js";
import { startFloor } from "./floor.js";
import { findInputs, TeamsClient, type InvokeReply } from "../test/support/teams.js";

const ITERATIONS = Number(process.env.ITERATIONS ?? 200);
const OFFICER = { tenantId: "bench-council", aadObjectId: "bench-officer", name: "Bench Officer" };

interface Row {
  readonly name: string;
  /** Which floor it is compared with: the floor's typed message, or its card press. */
  floor?: "typed" | "press";
  readonly median: number;
  readonly p95: number;
  readonly storagePerOp: number;
  /** Storage round trips per operation: requests in flight together count once. */
  readonly tripsPerOp: number;
  readonly bytes?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Counted {
  readonly requestCount: number;
  readonly roundTrips: number;
}

async function measure(name: string, tables: Counted, op: (i: number) => Promise<InvokeReply | Response | object>): Promise<Row> {
  for (let i = 0; i < 10; i++) await op(i); // warm up
  const times: number[] = [];
  const before = tables.requestCount;
  const tripsBefore = tables.roundTrips;
  let bytes: number | undefined;
  for (let i = 0; i < ITERATIONS; i++) {
    const started = process.hrtime.bigint();
    const reply = await op(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if ("body" in reply && typeof reply.body === "object" && reply.body && "value" in reply.body && typeof reply.body.value === "object")
      bytes = Buffer.byteLength(JSON.stringify(reply.body.value));
  }
  times.sort((a, b) => a - b);
  return {
    name,
    median: percentile(times, 50),
    p95: percentile(times, 95),
    storagePerOp: (tables.requestCount - before) / ITERATIONS,
    tripsPerOp: (tables.roundTrips - tripsBefore) / ITERATIONS,
    bytes,
  };
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const stub = await new ConnectorStub().start();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", TABLE_PREFIX: "bench", LOG_LEVEL: "silent", REMINDERS: "off" });
  const server = await startServer(config, azurite.connectionString, { log: createLogger("silent") });
  const storage = server.stores.tables;
  const floor = await startFloor(config, createLogger("silent"));
  // The floor with the storage requests a turn is allowed, each reading one small row.
  const storageFloor = await startFloor(config, createLogger("silent"), () => server.stores.tables.get("Tenants", "bench", "none"));
  try {
    // The same officer, talking to the bot or to one of the floors.
    const officerOf = (url: string) => new TeamsClient(() => url, stub.url, OFFICER);
    const officer = officerOf(server.url);
    await officer.say("assess 1.1.1");
    const card = () => stub.cards().at(-1)!;
    const ratings = ["compliance", "partial"];

    const rows: Row[] = [];
    rows.push(await measure("baseline: GET /healthz", storage, () => fetch(`${server.url}/healthz`)));
    // The floor: the same stack answering with a fixed card, no storage (bench/floor.ts).
    const floorClient = officerOf(floor.url);
    const floorTyped = await measure("floor: typed message, fixed card", storage, () => floorClient.say("assess 2.1.1"));
    const floorPress = await measure("floor: card press, fixed card", storage, () =>
      floorClient.invoke("cse.save", { rating: "compliance" }),
    );
    rows.push(floorTyped, floorPress);
    const typed = (row: Row): Row => Object.assign(row, { floor: "typed" as const });
    const press = (row: Row): Row => Object.assign(row, { floor: "press" as const });
    const storageFloorClient = officerOf(storageFloor.url);
    rows.push(typed(await measure("floor + 2 storage requests, typed", storage, () => storageFloorClient.say("assess 2.1.1"))));
    rows.push(
      press(
        await measure("floor + 3 storage requests, press", storage, () => storageFloorClient.invoke("cse.save", { rating: "compliance" })),
      ),
    );
    rows.push(typed(await measure("typed 'assess 2.1.1' (card sent to connector)", storage, () => officer.say("assess 2.1.1"))));
    await officer.say("assess 2.1.1");
    const base = card();
    /** Saves a rating that changes every time, each on the card the last press returned. */
    const saving = (client: TeamsClient, first: Record<string, unknown>) => {
      const state = {
        current: first,
        op: async (i: number) => {
          const reply = await client.press(state.current, "Save", { rating: ratings[i % 2]! });
          state.current = reply.body.value;
          return reply;
        },
      };
      return state;
    };
    const saves = saving(officer, base);
    rows.push(press(await measure("Save a changed rating (Action.Execute)", storage, saves.op)));
    let current = saves.current;
    rows.push(
      await measure("Add link then Remove it (2 actions)", storage, async (i) => {
        const added = await officer.press(current, "Add link", {
          linkTitle: `Evidence ${i}`,
          linkUrl: `https://council.sharepoint.com/doc-${i}.pdf`,
        });
        const [link] = findInputs(added.body.value).find((input) => input.id === "removeLinkId").choices;
        const removed = await officer.press(added.body.value, "Remove", { removeLinkId: link.value });
        current = removed.body.value;
        return removed;
      }),
    );
    rows.push(press(await measure("Skip to next unrated (no write)", storage, () => officer.press(base, "Skip to next unrated"))));

    // A council in its second cycle (the usual case: CSE is re-assessed every year): cards show
    // last cycle's rating beside each element.
    const second = await secondCycleCouncil(server.stores, "bench-council-2");
    const returning = new TeamsClient(() => server.url, stub.url, {
      tenantId: second,
      aadObjectId: "bench-officer-2",
      name: "Bench Officer",
    });
    await returning.say("assess 2.1.1");
    rows.push(typed(await measure("typed 'assess 2.1.1', second cycle", storage, () => returning.say("assess 2.1.1"))));
    rows.push(press(await measure("Save a changed rating, second cycle", storage, saving(returning, card()).op)));
    rows.push(typed(await measure("typed 'assess 4.1.2', 20 standards x 3 years", storage, () => returning.say("assess 4.1.2"))));
    // The other side of carrying actions in the copies: a change to one rewrites every campaign's.
    let action = (await server.stores.actions.list(second))[0]!;
    rows.push(
      await measure("Change an action (store: 2 campaigns' copies)", storage, async (i) => {
        const { etag: _etag, ...fields } = action;
        action = await server.stores.actions.update(action, { ...fields, title: `Publish complaint figures, take ${i}` }, undefined, []);
        return action;
      }),
    );

    rows.push(
      await measure("People picker typeahead (search)", storage, () =>
        officer.post({
          type: "invoke",
          name: "application/search",
          value: { queryText: "ben", dataset: "cse.people", queryOptions: { top: 15 } },
        }),
      ),
    );

    // "Add as CSE evidence" on a channel message: the dialog, then storing the message's and a file's links.
    let sent = 0;
    const message = () => {
      const id = String(1_764_500_000_000 + sent++);
      return {
        id,
        linkToMessage: `https://teams.microsoft.com/l/message/19:cx@thread.tacv2/${id}?tenantId=bench-council&createdTime=${id}`,
        from: { user: { id: "user-megan", displayName: "Megan Bowen" } },
        body: { contentType: "html", content: "<p>Customer panel minutes, November</p>" },
        attachments: [
          { contentType: "reference", contentUrl: `https://council.sharepoint.com/sites/CX/${id}/Minutes.docx`, name: "Minutes.docx" },
        ],
      };
    };
    const extension = (name: string, data?: Record<string, unknown>) =>
      officer.post({
        type: "invoke",
        name,
        value: { commandId: "addEvidence", commandContext: "message", messagePayload: message(), ...(data ? { data } : {}) },
      });
    rows.push(await measure("Add as CSE evidence: open the dialog (fetchTask)", storage, () => extension("composeExtension/fetchTask")));
    let stored = 0;
    rows.push(
      await measure("Add as CSE evidence: store 2 links (submitAction)", storage, () => {
        // Two links a time, four times an element: 8 per element, the most it holds.
        const ref = ELEMENTS[Math.floor(stored++ / 4) % ELEMENTS.length]!.ref;
        return extension("composeExtension/submitAction", { evidenceRef: ref, evidenceTitle: "Panel minutes" }).then((reply) => {
          // Timing a refusal would flatter the figure: every submit must have stored its links.
          if (!String(reply.body?.task?.value).startsWith("Added 2 links")) throw new Error(`not stored: ${JSON.stringify(reply.body)}`);
          return reply;
        });
      }),
    );

    const baseline = rows[0]!.median;
    console.log(`\nCSE bot walk-through benchmark: ${ITERATIONS} iterations each, Node ${process.versions.node}, embedded Azurite\n`);
    console.log(
      "operation".padEnd(48) +
        "median ms".padStart(10) +
        "p95 ms".padStart(9) +
        "x baseline".padStart(12) +
        "x floor".padStart(9) +
        "storage/op".padStart(12) +
        "trips/op".padStart(10) +
        "card bytes".padStart(12),
    );
    for (const r of rows) {
      console.log(
        r.name.padEnd(48) +
          r.median.toFixed(2).padStart(10) +
          r.p95.toFixed(2).padStart(9) +
          (r.median / baseline).toFixed(1).padStart(12) +
          (r.floor ? (r.median / (r.floor === "typed" ? floorTyped : floorPress).median).toFixed(1) : "").padStart(9) +
          r.storagePerOp.toFixed(1).padStart(12) +
          r.tripsPerOp.toFixed(1).padStart(10) +
          (r.bytes === undefined ? "" : String(r.bytes)).padStart(12),
      );
    }
  } finally {
    await server.close();
    floor.close();
    storageFloor.close();
    await stub.stop();
    await azurite.stop();
  }
}

/** A council whose current campaign follows a signed-off one with every element rated, with service standards. */
async function secondCycleCouncil(stores: Stores, tenantId: string): Promise<string> {
  const at = new Date("2025-11-30T09:00:00Z");
  const last = await stores.campaigns.createOrGet({ ...defaultCampaign(tenantId, "cse-2025", "bench", at), status: "signed-off" });
  for (const element of ELEMENTS)
    await stores.assessments.save(tenantId, {
      ...emptyAssessment(last.id, COUNCIL_UNIT, element.ref),
      rating: "compliance",
      narrative: `Last year's evidence for ${element.ref}.`,
    });
  const current = await stores.campaigns.createOrGet({
    ...defaultCampaign(tenantId, "cse-2026", "bench", new Date("2026-11-30T09:00:00Z")),
    previousCampaignId: last.id,
  });
  await stores.campaigns.setActive(tenantId, current.id);
  // Three years of service standards' figures, every standard evidencing 4.1.2 (and 5.3.2).
  await seedStandards(stores, tenantId, new Date(), { monthly: 36, quarterly: 12 });
  // The improvement actions of last year's report: 40, each on two elements.
  const by = { userId: "bench", name: "Bench" };
  const made = at.toISOString();
  await stores.actionImports.importMany(
    tenantId,
    ELEMENTS.slice(0, 40).map((element, i) => (id: string) => ({
      tenantId,
      id,
      title: `Improvement action ${i + 1}`,
      description: "",
      refs: [...new Set([element.ref, "4.1.2"])],
      owner: by,
      dueOn: "2027-03-31",
      priority: "medium" as const,
      status: "open" as const,
      createdBy: by,
      createdAt: made,
      updatedAt: made,
    })),
    () => undefined,
    { by, at: made },
  );
  return tenantId;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
