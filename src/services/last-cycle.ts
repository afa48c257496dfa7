/**
 * Last cycle's rating, links and narrative beside an element, as context for this cycle: read
 * while the turn does the rest (a save included), and added to the card at the end.
 */
import type { ElementAssessment } from "../domain/assessment.js";
import type { Campaign } from "../domain/campaign.js";
import type { Stores } from "../store/index.js";
import type { ElementView } from "./views.js";

export interface LastCycle {
  readonly campaignName: string;
  readonly assessments: ReadonlyMap<string, ElementAssessment>;
}

/**
 * The unit's assessments in the campaign `campaign` follows, with that campaign's name: one
 * query, as its copy sits beside them; Campaigns is read only when there is no copy but there
 * are assessments. A read nobody awaits in the end fails quietly.
 */
export function readLastCycle(
  stores: Stores,
  campaign: Pick<Campaign, "tenantId" | "previousCampaignId">,
  unitId: string,
): Promise<LastCycle | undefined> {
  const { tenantId, previousCampaignId: previousId } = campaign;
  if (!previousId) return Promise.resolve(undefined);
  const reading = (async () => {
    const { assessments, campaign: copied } = await stores.assessments.readUnit(tenantId, previousId, unitId);
    if (assessments.size === 0) return undefined;
    const named = copied ?? (await stores.campaigns.get(tenantId, previousId));
    return named && { campaignName: named.name, assessments };
  })();
  reading.catch(() => undefined);
  return reading;
}

/** The view with last cycle's assessment of its element, when there was one. */
export function withLastCycle(view: ElementView, last: LastCycle | undefined): ElementView {
  const before = last?.assessments.get(view.element.ref);
  return before && last ? { ...view, previous: { campaignName: last.campaignName, assessment: before } } : view;
}
