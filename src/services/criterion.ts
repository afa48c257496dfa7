/**
 * One criterion of a campaign, element by element, for whoever pressed "Criterion N" on a
 * summary: the council's rating, review status, owners and how much evidence is linked.
 * Read-only; anyone who may view the campaign may see it. No SDK.
 */
import type { Campaign } from "../domain/campaign.js";
import { elementStatusLabel, statusOf, type ElementStatus } from "../domain/workflow.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { councilRating } from "../domain/summary.js";
import { CRITERIA, type RatingOrUnrated } from "../standard/index.js";
import type { Stores } from "../store/index.js";
import type { Actor } from "./views.js";
import type { RolesOf } from "./context.js";

export interface CriterionElementRow {
  readonly ref: string;
  readonly statement: string;
  readonly rating: RatingOrUnrated;
  /** "Approved", or "2 of 3 units submitted" when units assess it separately. */
  readonly status: string;
  readonly owners: readonly string[];
  readonly evidence: number;
  /** The rating in the assessor's report imported for this campaign, when there is one. */
  readonly assessor?: RatingOrUnrated;
}

export interface CriterionView {
  readonly campaign: Campaign;
  readonly number: number;
  readonly title: string;
  readonly rows: readonly CriterionElementRow[];
}

const NOT_FOUND: Refusal = { code: "unknown-campaign", message: "That campaign is not in your organisation." };

export async function criterionView(
  stores: Stores,
  rolesOf: RolesOf,
  actor: Actor,
  campaignId: string,
  number: number,
): Promise<CriterionView | Refusal> {
  if (!can(await rolesOf(actor), "view")) return { code: "not-allowed", message: "You do not have access to the CSE summary." };
  const campaign = await stores.campaigns.get(actor.tenantId, campaignId);
  const criterion = CRITERIA.find((c) => c.number === number);
  if (!campaign || !criterion) return NOT_FOUND;
  const [assessments, report] = await Promise.all([
    stores.assessments.listForCampaign(actor.tenantId, campaignId),
    stores.actionImports.getReport(actor.tenantId, campaignId),
  ]);
  const rows = criterion.subCriteria.flatMap((s) =>
    s.elements.map((e) => {
      const mine = assessments.filter((a) => a.ref === e.ref);
      const statuses = mine.map((a) => statusOf(a));
      return {
        ref: e.ref,
        statement: e.statement,
        rating: councilRating(mine.map((a) => a.rating)),
        status: statusLine(statuses, campaign.units.length),
        owners: [...new Set(mine.map((a) => a.ownerName).filter((n): n is string => !!n))],
        evidence: mine.reduce((n, a) => n + a.evidence.length, 0),
        assessor: report?.ratings[e.ref],
      };
    }),
  );
  return { campaign, number, title: criterion.title, rows };
}

function statusLine(statuses: readonly ElementStatus[], units: number): string {
  if (units <= 1) return elementStatusLabel(statuses[0] ?? "to-do");
  const approved = statuses.filter((s) => s === "approved").length;
  const submitted = statuses.filter((s) => s === "submitted").length + approved;
  return `${submitted} of ${units} units submitted, ${approved} approved`;
}
