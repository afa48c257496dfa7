/**
 * Importing last year's assessor report into a campaign: the assessor's rating of each element,
 * and a draft improvement action for each area for improvement. All of it is one transaction;
 * importing the same report again (recognised by a fingerprint of its text) changes nothing.
 * Coordinators only. No Teams SDK.
 */
import type { ImprovementAction, Person } from "../domain/actions.js";
import { ACTION_LIMITS, titleFromText } from "../domain/actions.js";
import { addMonths, formatLondonDay, londonDay, workingDayOnOrAfter, type IsoDate } from "../domain/calendar.js";
import { COUNCIL_SCOPE, proposeCalendar, type ProposedCalendar } from "../domain/certification.js";
import { closedMessage, type Campaign, isFinished } from "../domain/campaign.js";
import type { Outcome, Refusal } from "../domain/refusal.js";
import { nextActionReminder } from "../domain/reminders.js";
import { can } from "../domain/roles.js";
import { parseAssessorReport, type ParsedReport } from "../io/assessor-report.js";
import { AlreadyExistsError, type StoredReport } from "../store/index.js";
import type { CertificationService } from "./certification.js";
import type { Actor } from "./views.js";
import { fingerprintOf, keepPreview, waitingImport } from "./import-common.js";
import { refused } from "./refused.js";
import { Service, type ServiceContext } from "./context.js";

/** Draft actions per import, and elements per action: what one transaction (100 writes) holds. */
const MAX_AREAS = 12;
const MAX_REFS = 4;

/** What a coordinator sees before confirming an import. */
export interface ImportPreview {
  readonly campaign: { readonly id: string; readonly name: string };
  readonly fingerprint: string;
  readonly fileName: string;
  readonly report: ParsedReport;
  /** The areas that will become draft actions (the rest are listed as problems). */
  readonly draftAreas: ParsedReport["areas"];
  /** The certification dates the report implies, and the council's current certification date if it has one. */
  readonly calendar?: ProposedCalendar & { readonly current?: IsoDate };
}

/** An import's result; when it got as far as the campaign, the campaign and what was read. */
export type ApplyOutcome =
  | { readonly ok: true; readonly message: string; readonly report: ParsedReport; readonly campaign: Campaign }
  | { readonly ok: false; readonly refusal: Refusal };

export type PreviewOutcome =
  | { readonly ok: true; readonly preview: ImportPreview }
  | { readonly ok: false; readonly refusal: Refusal }
  | { readonly ok: true; readonly preview?: undefined; readonly message: string };

export class ReportImportService extends Service {
  constructor(
    context: ServiceContext,
    private readonly certification: CertificationService,
  ) {
    super(context);
  }

  /** Whether `actor` may import at all (asked before fetching a file, so nobody else costs a download). */
  async mayImport(actor: Actor): Promise<boolean> {
    return can(await this.rolesOf(actor), "manage-campaigns");
  }

  /**
   * Reads a report and keeps its text until the coordinator confirms (or sends another); writes
   * nothing to the campaign. `campaignId` defaults to the active campaign.
   */
  async preview(actor: Actor, text: string, fileName: string, campaignId?: string): Promise<PreviewOutcome> {
    const id = campaignId ?? (await this.stores.campaigns.activeCampaignId(actor.tenantId));
    const read = await this.read(actor, id, text, " Choose the campaign you are preparing with campaigns, then send the report again.");
    if (!read.ok) return read;
    const { campaign, report, fingerprint, existing } = read;
    if (existing) {
      const already = this.already(existing, fingerprint, report, campaign);
      return already.ok ? { ok: true, message: already.message } : already;
    }
    const tooLarge = await keepPreview(this.stores, actor, {
      kind: "report",
      campaignId: campaign.id,
      fingerprint,
      fileName,
      storedAt: this.clock.now().toISOString(),
      text,
    });
    if (tooLarge) return refused(this.log, actor, "import-report", tooLarge);
    this.log.info(
      { tenant: actor.tenantId, campaign: campaign.id, ratings: report.ratings.size, problems: report.problems.length },
      "assessor report previewed",
    );
    return { ok: true, preview: await this.describe(actor, campaign, report, fingerprint, fileName) };
  }

  private async describe(
    actor: Actor,
    campaign: { id: string; name: string },
    report: ParsedReport,
    fingerprint: string,
    fileName: string,
  ): Promise<ImportPreview> {
    const proposed = proposeCalendar(report);
    const current = proposed ? (await this.stores.certification.get(actor.tenantId, COUNCIL_SCOPE.id))?.certifiedOn : undefined;
    return {
      campaign: { id: campaign.id, name: campaign.name },
      fingerprint,
      fileName,
      report,
      draftAreas: draftAreas(report),
      calendar: proposed && { ...proposed, current },
    };
  }

  /** Imports the report `actor` previewed, if `fingerprint` is still the one waiting. */
  async confirm(actor: Actor, fingerprint: string): Promise<Outcome & { readonly preview?: ImportPreview }> {
    if (!(await this.mayImport(actor))) return refused(this.log, actor, "import-report", ONLY_COORDINATORS);
    const pending = await waitingImport(this.stores, this.clock, actor, "report", fingerprint);
    if (!("text" in pending)) return refused(this.log, actor, "import-report", pending);
    const outcome = await this.apply(actor, pending.campaignId, pending.text);
    if (!outcome.ok) return outcome;
    await this.stores.files.forgetImport(actor.tenantId, actor.userId);
    return {
      ok: true,
      message: outcome.message,
      preview: await this.describe(actor, outcome.campaign, outcome.report, fingerprint, pending.fileName),
    };
  }

  async cancel(actor: Actor): Promise<Outcome> {
    await this.stores.files.forgetImport(actor.tenantId, actor.userId);
    return { ok: true, message: "Import cancelled. Nothing was imported." };
  }

  stored(tenantId: string, campaignId: string): Promise<StoredReport | undefined> {
    return this.stores.actionImports.getReport(tenantId, campaignId);
  }

  /** Writes the report's ratings and draft actions into `campaignId`, once. */
  async apply(actor: Actor, campaignId: string, text: string): Promise<ApplyOutcome> {
    const read = await this.read(actor, campaignId, text);
    if (!read.ok) return read;
    const { campaign, report, fingerprint, existing } = read;
    if (existing) return this.already(existing, fingerprint, report, campaign);

    const at = this.clock.now().toISOString();
    const today = londonDay(this.clock.now());
    const me: Person = { userId: actor.userId, name: actor.displayName };
    const dueOn = workingDayOnOrAfter(addMonths(today, 3));
    const builds = draftAreas(report).map((area) => (id: string): ImprovementAction => ({
      tenantId: actor.tenantId,
      id,
      campaignId,
      title: titleFromText(area.text),
      description: area.text.slice(0, ACTION_LIMITS.descriptionChars),
      refs: area.refs,
      owner: me,
      dueOn,
      priority: "medium",
      status: "open",
      createdBy: me,
      createdAt: at,
      updatedAt: at,
    }));
    const stored: StoredReport = {
      fingerprint,
      ratings: Object.fromEntries(report.ratings),
      reportType: report.reportType ?? "",
      organisation: report.organisation ?? "",
      assessmentDate: report.assessmentDate ?? "",
      importedBy: actor.userId,
      importedByName: actor.displayName,
      importedAt: at,
    };
    try {
      const actions = await this.stores.actionImports.createWithReport(
        actor.tenantId,
        campaignId,
        stored,
        builds,
        (a) => nextActionReminder(a, today)?.on,
        { by: me, at },
      );
      // Its draft actions have reminders: the daily run must know this council.
      await this.stores.tenants.register(actor.tenantId);
      this.log.info(
        { tenant: actor.tenantId, campaign: campaignId, ratings: report.ratings.size, actions: actions.length },
        "assessor report imported",
      );
      const numbers = actions.length
        ? ` and ${actions.length} draft improvement action${actions.length === 1 ? "" : "s"} (${actions.map((a) => a.id).join(", ")}), due ${formatLondonDay(dueOn)}: give each an owner and a date`
        : "";
      const dates = await this.proposeDates(actor, report);
      return {
        ok: true,
        report,
        campaign,
        message: `Imported the assessor's ${report.ratings.size} ratings into "${campaign.name}"${numbers}.${dates}`,
      };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      // Someone imported at the same moment: theirs stands.
      return this.already((await this.stored(actor.tenantId, campaignId))!, fingerprint, report, campaign);
    }
  }

  /**
   * What preview and apply check first: a coordinator, a campaign of theirs still being
   * prepared, a compliance table in the text; and whether a report is already in the campaign.
   * `closedHint` follows the refusal of a finished campaign.
   */
  private async read(
    actor: Actor,
    campaignId: string | undefined,
    text: string,
    closedHint = "",
  ): Promise<
    { ok: false; refusal: Refusal } | { ok: true; campaign: Campaign; report: ParsedReport; fingerprint: string; existing?: StoredReport }
  > {
    if (!(await this.mayImport(actor))) return refused(this.log, actor, "import-report", ONLY_COORDINATORS);
    const campaign = campaignId ? await this.stores.campaigns.get(actor.tenantId, campaignId) : undefined;
    if (!campaign) return refused(this.log, actor, "import-report", campaignId ? UNKNOWN_CAMPAIGN : NO_CAMPAIGN);
    if (isFinished(campaign))
      return refused(this.log, actor, "import-report", { code: "campaign-closed", message: `${closedMessage(campaign)}${closedHint}` });
    const report = parseAssessorReport(text);
    if (report.ratings.size === 0) return refused(this.log, actor, "import-report", NO_TABLE);
    return { ok: true, campaign, report, fingerprint: fingerprintOf(text), existing: await this.stored(actor.tenantId, campaign.id) };
  }

  /** Sets the council's certification dates from the report when none are set; otherwise says where they differ. */
  private async proposeDates(actor: Actor, report: ParsedReport): Promise<string> {
    const proposed = proposeCalendar(report);
    if (!proposed) return "";
    const current = await this.stores.certification.get(actor.tenantId, COUNCIL_SCOPE.id);
    if (current) {
      if (current.certifiedOn === proposed.certifiedOn) return "";
      return ` Your certification dates were left as they are (certified ${formatLondonDay(current.certifiedOn)}); the report suggests ${formatLondonDay(proposed.certifiedOn)}. Type dates to change them.`;
    }
    const saved = await this.certification.save(actor, {
      scopeId: COUNCIL_SCOPE.id,
      certifiedOn: proposed.certifiedOn,
      leadDays: "",
      overrides: {},
    });
    return saved.ok
      ? ` Certification dates set from the report: certified ${formatLondonDay(proposed.certifiedOn)}. ${saved.message}`
      : ` The certification dates were not set: ${saved.refusal.message}`;
  }

  private already(existing: StoredReport, fingerprint: string, report: ParsedReport, campaign: Campaign): ApplyOutcome {
    if (existing.fingerprint === fingerprint)
      return {
        ok: true,
        report,
        campaign,
        message: `This report was already imported on ${formatLondonDay(existing.importedAt.slice(0, 10))} by ${existing.importedByName}; nothing has changed.`,
      };
    return {
      ok: false,
      refusal: {
        code: "conflict",
        message: `This campaign already has an assessor's report (${existing.reportType || "imported"} on ${formatLondonDay(existing.importedAt.slice(0, 10))}). Nothing was changed.`,
      },
    };
  }
}

const ONLY_COORDINATORS: Refusal = { code: "not-allowed", message: "Only a CSE coordinator can import the assessor's report." };
const NO_CAMPAIGN: Refusal = {
  code: "unknown-campaign",
  message: "There is no campaign to import the report into yet. Start one with campaign new, then send the report again.",
};
const UNKNOWN_CAMPAIGN: Refusal = {
  code: "unknown-campaign",
  message: "That campaign is not in your organisation, so nothing was imported.",
};
const NO_TABLE: Refusal = {
  code: "invalid-payload",
  message: "I could not find the compliance table (a rating for each element) in that report, so nothing was imported.",
};

/** The areas for improvement that become draft actions: those naming elements, at most MAX_AREAS. */
function draftAreas(report: ParsedReport): ParsedReport["areas"] {
  return report.areas
    .filter((a) => a.refs.length > 0)
    .slice(0, MAX_AREAS)
    .map((a) => ({ ...a, refs: a.refs.slice(0, MAX_REFS) }));
}
