/**
 * Last cycle's rating, links and narrative beside an element, as context for this cycle: carried
 * by the unit's copy of the campaign once the campaign before is finished (store/copy-last-cycle.ts),
 * otherwise read while the turn does the rest (a save included), and added to the card at the end.
 */
import type { Campaign } from "../domain/campaign.js";
import { lastCycleElement } from "../domain/last-cycle.js";
import type { CarriedLastCycle, Stores } from "../store/index.js";
import type { ElementView } from "./views.js";

export type LastCycle = CarriedLastCycle;

/**
 * The unit's assessments in the campaign `campaign` follows, with that campaign's name: what the
 * unit's copy `carried` (null: none), or when it did not say, one query, as the earlier campaign's
 * copy sits beside them; Campaigns is read only when there is no copy but there are assessments.
 * A read nobody awaits in the end fails quietly.
 */
export function readLastCycle(
  stores: Stores,
  campaign: Pick<Campaign, "tenantId" | "previousCampaignId">,
  unitId: string,
  carried?: CarriedLastCycle | null,
): Promise<LastCycle | undefined> {
  const { tenantId, previousCampaignId: previousId } = campaign;
  if (carried !== undefined) return Promise.resolve(carried ?? undefined);
  if (!previousId) return Promise.resolve(undefined);
  const reading = (async () => {
    const { assessments, campaign: copied } = await stores.assessments.readUnit(tenantId, previousId, unitId);
    if (assessments.size === 0) return undefined;
    const named = copied ?? (await stores.campaigns.get(tenantId, previousId));
    return (
      named && {
        campaignName: named.name,
        elements: Object.fromEntries([...assessments].map(([ref, a]) => [ref, lastCycleElement(a)])),
      }
    );
  })();
  reading.catch(() => undefined);
  return reading;
}

/** The view with last cycle's assessment of its element, when there was one. */
export function withLastCycle(view: ElementView, last: LastCycle | undefined): ElementView {
  const ref = view.element.ref;
  const before = last && Object.hasOwn(last.elements, ref) ? last.elements[ref] : undefined;
  return before && last ? { ...view, previous: { campaignName: last.campaignName, element: before } } : view;
}
