/**
 * Service standards for the benchmarks: 20 of them, half monthly and half quarterly, each
 * evidencing 4.1.2 and 5.3.2, with figures for their last finished periods (some missed).
 */
import { periodsEndingWith } from "../src/domain/periods.js";
import { lastFinishedPeriod } from "../src/domain/standards-report.js";
import type { ServiceStandard } from "../src/domain/standards.js";
import type { Stores } from "../src/store/index.js";

export async function seedStandards(
  stores: Stores,
  tenantId: string,
  now: Date,
  periods: { readonly monthly: number; readonly quarterly: number },
): Promise<void> {
  const by = { userId: "bench", name: "Bench Officer" };
  const at = now.toISOString();
  for (let i = 0; i < 20; i++) {
    const standard: ServiceStandard = {
      id: `standard-${i}`,
      promise: `We will answer ${i + 1} kinds of enquiry within ten working days of receiving them`,
      measure: { kind: "percentage" },
      target: { value: 90, better: "higher" },
      frequency: i % 2 ? "monthly" : "quarterly",
      owner: by,
      published: true,
      refs: ["4.1.2", "5.3.2"],
    };
    await stores.standards.create(tenantId, standard, { by, at });
    const last = lastFinishedPeriod(standard, now);
    for (const [k, period] of periodsEndingWith(last, periods[standard.frequency]).entries())
      await stores.standards.putFigure(
        tenantId,
        { standardId: standard.id, periodId: period.id, value: 84 + ((i + k) % 10) },
        undefined,
        by,
        at,
      );
  }
}
