/**
 * Demo service standards for `npx cse-bot seed-demo`: the kind of promises councils publish (the
 * letters, telephone and reception standards of a council's customer service strategy) with a
 * year's figures, some missed, so `standards`, the summary and the public page have something true
 * to show. Idempotent: a standard already there is left as it is.
 */
import type { Clock } from "../clock.js";
import { periodsEndingWith } from "../domain/periods.js";
import { lastFinishedPeriod } from "../domain/standards-report.js";
import type { ServiceStandard } from "../domain/standards.js";
import type { HeldCopies, Stores } from "../store/index.js";
import type { Actor } from "./views.js";

type DemoStandard = Omit<ServiceStandard, "owner" | "published"> & { readonly values: readonly number[] };

const DEMO_STANDARDS: readonly DemoStandard[] = [
  {
    id: "demo-letters",
    promise: "We will respond to letters and e-mails within ten working days",
    measure: { kind: "percentage" },
    target: { value: 90, better: "higher" },
    frequency: "quarterly",
    refs: ["4.1.1", "4.1.2", "5.1.1", "5.3.2"],
    values: [91, 93, 92.5, 94, 90, 89, 91, 92, 93, 90, 86, 88],
  },
  {
    id: "demo-phone",
    promise: "We will answer your call within six rings (20 seconds)",
    measure: { kind: "percentage" },
    target: { value: 80, better: "higher" },
    frequency: "monthly",
    refs: ["4.1.2", "5.1.1", "5.3.1"],
    values: [78, 82, 85, 81, 79, 83, 84, 86, 82, 80, 81, 84],
  },
  {
    id: "demo-reception",
    promise: "You will wait no more than 15 minutes in reception to be seen",
    measure: { kind: "average", unit: "minutes" },
    target: { value: 15, better: "lower" },
    frequency: "monthly",
    refs: ["5.1.1", "5.3.2", "5.3.3"],
    values: [12, 11.5, 14, 16.5, 13, 12, 10.5, 11, 12.5, 13, 14.5, 12],
  },
  {
    id: "demo-complaints",
    promise: "We will respond to a complaint fully within ten working days",
    measure: { kind: "percentage" },
    target: { value: 95, better: "higher" },
    frequency: "quarterly",
    refs: ["1.3.4", "4.1.2", "5.3.1"],
    values: [96, 95, 97, 94, 96, 98, 95, 97, 96, 95, 97, 96],
  },
];

export async function seedDemoStandards(stores: Stores, clock: Clock, actor: Actor): Promise<number> {
  // Campaigns' copies carry the standards and their newest figures: marked once, written once at the end.
  const held = await stores.campaigns.holdCopies(actor.tenantId);
  try {
    return await seedEach(stores, clock, actor, held);
  } finally {
    await held.finish();
  }
}

async function seedEach(stores: Stores, clock: Clock, actor: Actor, held: HeldCopies): Promise<number> {
  const by = { userId: actor.userId, name: actor.displayName };
  const at = clock.now().toISOString();
  let added = 0;
  for (const { values, ...fields } of DEMO_STANDARDS) {
    if (await stores.standards.get(actor.tenantId, fields.id)) continue;
    const standard: ServiceStandard = { ...fields, owner: by, published: true };
    await stores.standards.create(actor.tenantId, standard, { by, at }, held);
    const periods = periodsEndingWith(lastFinishedPeriod(standard, clock.now()), values.length);
    for (const [i, period] of periods.entries())
      await stores.standards.putFigure(
        actor.tenantId,
        { standardId: standard.id, periodId: period.id, value: values[i]! },
        undefined,
        by,
        at,
        held,
      );
    added++;
  }
  return added;
}
