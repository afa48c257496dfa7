/**
 * The compliance summary of a campaign, as a channel digest or `summary` shows it to leaders:
 * built from the campaign's assessments, the tenant's improvement actions and certification
 * calendar, compared with the last snapshot taken. No Teams SDK.
 */
import type { Clock } from "../clock.js";
import type { Campaign } from "../domain/campaign.js";
import { londonDay, type IsoDate, daysBetween } from "../domain/calendar.js";
import { visitsOf } from "../domain/certification.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { DEFAULT_OUTLOOK, summarise, type ComplianceSummary, type OutlookRule, type Snapshot } from "../domain/summary.js";
import { summariseAt } from "../domain/standards-report.js";
import type { StandardsSummary } from "../domain/standards.js";
import type { Stores } from "../store/index.js";
import { criterionView, type CriterionView } from "./criterion.js";
import { compareWithAssessor, type Comparison } from "../domain/comparison.js";
import type { Actor } from "./views.js";
import type { RolesOf } from "./context.js";

export interface NextVisit {
  readonly scopeName: string;
  readonly label: string;
  readonly date: IsoDate;
  readonly daysToGo: number;
  readonly evidenceDue: IsoDate;
  readonly evidenceDaysToGo: number;
}

export interface SummaryView {
  readonly campaign: Campaign;
  readonly summary: ComplianceSummary;
  readonly today: IsoDate;
  /** The next review visit (and its evidence deadline) still ahead, if the calendar is set. */
  readonly nextVisit?: NextVisit;
  /** Owners' names on overdue actions; a council may turn this off for channels. */
  readonly showOwners: boolean;
  /** The council's service standards (criteria 4 and 5), when it has any. */
  readonly standards?: StandardsSummary & { readonly total: number };
}

export interface SummaryOptions {
  readonly rule?: OutlookRule;
  readonly previous?: Snapshot;
  readonly showOwners?: boolean;
}

const NO_CAMPAIGN: Refusal = {
  code: "unknown-campaign",
  message: "There is no campaign to summarise yet. A coordinator sets one up with campaign new.",
};

export class SummaryService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly rolesOf: RolesOf,
    /** The council's certification rule (OUTLOOK_MIN_COMPLIANT, OUTLOOK_MAX_NON_COMPLIANCE). */
    private readonly rule: OutlookRule = DEFAULT_OUTLOOK,
  ) {}

  /** The summary of `campaignId` (or the tenant's active campaign) for anyone who may view. */
  async view(actor: Actor, campaignId?: string, options: SummaryOptions = {}): Promise<SummaryView | Refusal> {
    if (!can(await this.rolesOf(actor), "view")) return { code: "not-allowed", message: "You do not have access to the CSE summary." };
    const id = campaignId ?? (await this.stores.campaigns.activeCampaignId(actor.tenantId));
    const campaign = id ? await this.stores.campaigns.get(actor.tenantId, id) : undefined;
    return campaign ? this.build(campaign, options) : NO_CAMPAIGN;
  }

  /** One criterion element by element (the summary's drill-down), for anyone who may view. */
  criterion(actor: Actor, campaignId: string, number: number): Promise<CriterionView | Refusal> {
    return criterionView(this.stores, this.rolesOf, actor, campaignId, number);
  }

  /** Where the campaign's own ratings differ from the assessor's report imported into it. */
  async comparison(actor: Actor, campaignId?: string): Promise<{ readonly campaign: Campaign; readonly comparison: Comparison } | Refusal> {
    const view = await this.view(actor, campaignId);
    if ("code" in view) return view;
    const report = await this.stores.actionImports.getReport(view.campaign.tenantId, view.campaign.id);
    if (!report)
      return {
        code: "unknown-campaign",
        message: `No assessor's report has been imported into "${view.campaign.name}" yet. A coordinator imports it with npx cse-bot import-report.`,
      };
    return { campaign: view.campaign, comparison: compareWithAssessor(view.summary.snapshot.ratings, report.ratings) };
  }

  /** The summary of a campaign already read (for digests, which run without a person). */
  async build(campaign: Campaign, options: SummaryOptions = {}): Promise<SummaryView> {
    const now = this.clock.now();
    const today = londonDay(now);
    const [assessments, actions, calendars, { standards, figures }] = await Promise.all([
      this.stores.assessments.listForCampaign(campaign.tenantId, campaign.id),
      this.stores.actions.list(campaign.tenantId),
      this.stores.certification.list(campaign.tenantId),
      this.stores.standards.withRecentFigures(campaign.tenantId),
    ]);
    const summary = summarise({
      assessments,
      units: campaign.units,
      actions: actions.filter((a) => !a.campaignId || a.campaignId === campaign.id),
      today,
      at: now.toISOString(),
      previous: options.previous,
      rule: options.rule ?? this.rule,
    });
    const next = calendars
      .flatMap((c) => visitsOf(c).map((v) => ({ ...v, scopeName: c.scopeName })))
      .filter((v) => v.date >= today)
      .sort((a, b) => a.date.localeCompare(b.date))[0];
    const nextVisit = next && {
      scopeName: next.scopeName,
      label: next.label,
      date: next.date,
      daysToGo: daysBetween(today, next.date),
      evidenceDue: next.evidenceDue,
      evidenceDaysToGo: daysBetween(today, next.evidenceDue),
    };
    return {
      campaign,
      summary,
      today,
      nextVisit,
      showOwners: options.showOwners ?? true,
      ...(standards.length > 0 && { standards: { ...summariseAt(standards, figures, now), total: standards.length } }),
    };
  }
}
