/**
 * Benchmark: building and rendering a campaign's compliance summary, as a digest does: 20 units x
 * 57 elements x 10 evidence links each, with 500 improvement actions and 20 service standards of
 * 12 periods each; the same campaign with 1 unit is the baseline measured in the same run. Also
 * the standards card itself (20 standards x 12 periods). Median and p95 time, storage requests,
 * card bytes. Figures are printed, not asserted.
 *
 *   npm run bench:digest               (ITERATIONS=50)
 */
import { cardBytes, standardsCard, summaryCard, type AdaptiveCard } from "../src/cards/index.js";
import { fixedClock } from "../src/clock.js";
import type { ImprovementAction } from "../src/domain/actions.js";
import { emptyAssessment } from "../src/domain/assessment.js";
import { defaultCampaign, type Campaign } from "../src/domain/campaign.js";
import { createLogger } from "../src/logger.js";
import { StandardsService } from "../src/services/standards.js";
import { SummaryService } from "../src/services/summary.js";
import { startAzurite } from "../src/store/azurite.js";
import { seedStandards } from "./seed-standards.js";
import { openStores, type Stores } from "../src/store/index.js";
import { ELEMENTS, RATINGS } from "../src/standard/index.js";

const ITERATIONS = Number(process.env.ITERATIONS ?? 50);
const TENANT = "bench-digest";
const at = "2026-11-02T10:00:00Z";

async function seed(stores: Stores, id: string, units: number): Promise<Campaign> {
  const unitList = Array.from({ length: units }, (_, i) => ({
    id: `unit-${i + 1}`,
    name: `Directorate of Customer and Community Services ${i + 1}`,
  }));
  const campaign = await stores.campaigns.createOrGet({
    ...defaultCampaign(TENANT, id, "bench", new Date(at)),
    units: unitList,
    name: `CSE annual review 2027 (${units} units)`,
  });
  const rows = unitList.flatMap((u, ui) =>
    ELEMENTS.map((e, ei) => ({
      next: {
        ...emptyAssessment(id, u.id, e.ref),
        rating: RATINGS[(ei + ui) % 4]!.id,
        narrative: "We publish our service standards and report performance against them every quarter.",
        evidence: Array.from({ length: 10 }, (_, k) => ({
          id: `l${k}`,
          title: `Evidence ${k + 1}`,
          url: `https://council.sharepoint.com/sites/cse/${e.ref}/${k}.pdf`,
          addedBy: "bench",
          addedAt: k < 3 ? "2025-01-10T10:00:00Z" : at,
        })),
      },
      audit: [],
    })),
  );
  for (let i = 0; i < rows.length; i += 50) await stores.assessments.saveAll(TENANT, rows.slice(i, i + 50));
  return campaign;
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const stores = await openStores(azurite.connectionString, "benchdigest");
    const clock = fixedClock("2026-11-23T09:00:00Z");
    const one = await seed(stores, "one-unit", 1);
    const twenty = await seed(stores, "twenty-units", 20);
    const by = { userId: "bench", name: "Bench Officer" };
    const actions = Array.from({ length: 500 }, (_, i) => (id: string): ImprovementAction => ({
      tenantId: TENANT,
      id,
      title: `Improvement action ${i + 1} for element ${ELEMENTS[i % 57]!.ref}`,
      description: "",
      refs: [ELEMENTS[i % 57]!.ref],
      owner: by,
      dueOn: i % 2 ? "2026-10-01" : "2027-03-01",
      priority: "medium",
      status: "open",
      createdBy: by,
      createdAt: at,
      updatedAt: at,
    }));
    await stores.actionImports.importMany(TENANT, actions, () => undefined, { by, at });
    await seedStandards(stores, TENANT, clock.now(), { monthly: 12, quarterly: 12 });
    const summaries = new SummaryService(stores, clock, () => Promise.resolve(["coordinator"]));
    const standards = new StandardsService({
      stores,
      clock,
      log: createLogger("silent"),
      rolesOf: () => Promise.resolve(["coordinator"]),
    });
    const coordinator = { tenantId: TENANT, userId: "bench", displayName: "Bench Officer" };

    const measure = async (render: () => Promise<AdaptiveCard>) => {
      for (let i = 0; i < 5; i++) await render(); // warm up
      const times: number[] = [];
      const before = stores.tables.requestCount;
      let bytes = 0;
      for (let i = 0; i < ITERATIONS; i++) {
        const started = performance.now();
        const card = await render();
        times.push(performance.now() - started);
        bytes = cardBytes(card);
      }
      times.sort((a, b) => a - b);
      const pick = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
      return { median: pick(50), p95: pick(95), requests: (stores.tables.requestCount - before) / ITERATIONS, bytes };
    };
    const base = await measure(async () => summaryCard(await summaries.build(one)));
    const big = await measure(async () => summaryCard(await summaries.build(twenty)));
    const card = await measure(async () => standardsCard(await standards.view(coordinator)));
    console.log(
      `\nCompliance summary: build + render, ${ITERATIONS} iterations each, 500 improvement actions, 10 evidence links per element, 20 service standards x 12 periods\n`,
    );
    console.log("campaign                     median ms   p95 ms   x baseline   storage requests   card bytes");
    for (const [name, r] of [
      ["1 unit x 57 (baseline)", base],
      ["20 units x 57", big],
      ["standards card (20 x 12)", card],
    ] as const) {
      console.log(
        `${name.padEnd(28)} ${r.median.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(8)} ${(r.median / base.median).toFixed(1).padStart(12)} ${r.requests.toFixed(0).padStart(18)} ${String(r.bytes).padStart(12)}`,
      );
    }
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
