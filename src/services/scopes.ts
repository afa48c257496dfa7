/**
 * What a council's settings can be for: the whole council, and the units of its active campaign
 * (its certification calendars and service standards are each for one of them).
 */
import { isCouncilWide } from "../domain/campaign.js";
import { COUNCIL_SCOPE } from "../domain/certification.js";
import type { Stores } from "../store/index.js";

export interface NamedScope {
  readonly id: string;
  readonly name: string;
}

/** The whole council, the active campaign's units, then `kept` (what is already set for a unit the campaign no longer has). */
export async function councilAndUnits(stores: Stores, tenantId: string, kept: readonly NamedScope[] = []): Promise<NamedScope[]> {
  const scopes = new Map<string, string>([[COUNCIL_SCOPE.id, COUNCIL_SCOPE.name]]);
  const activeId = await stores.campaigns.activeCampaignId(tenantId);
  const campaign = activeId ? await stores.campaigns.get(tenantId, activeId) : undefined;
  if (campaign && !isCouncilWide(campaign)) for (const u of campaign.units) scopes.set(u.id, u.name);
  for (const s of kept) if (!scopes.has(s.id)) scopes.set(s.id, s.name);
  return [...scopes].map(([id, name]) => ({ id, name }));
}
