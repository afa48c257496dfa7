/**
 * Importing last year's assessor report into a campaign: the assessor's rating of each element,
 * and a draft improvement action for each area for improvement. All of it is one transaction;
 * importing the same report again (recognised by a fingerprint of its text) changes nothing.
 * Coordinators only. No Teams SDK.
 */
import { createHash } from "node:crypto";
import type { Clock } from "../clock.js";
import type { ImprovementAction, Person } from "../domain/actions.js";
import { ACTION_LIMITS } from "../domain/actions.js";
import { addMonths, formatLondonDay, londonDay, workingDayOnOrAfter } from "../domain/calendar.js";
import type { Outcome, Refusal } from "../domain/refusal.js";
import { nextActionReminder } from "../domain/reminders.js";
import { can, type Role } from "../domain/roles.js";
import { parseAssessorReport, type ParsedReport } from "../io/assessor-report.js";
import type { Logger } from "../logger.js";
import type { RatingId } from "../standard/index.js";
import { AlreadyExistsError, type Stores } from "../store/index.js";
import type { Actor } from "./views.js";

/** Draft actions per import, and elements per action: what one transaction (100 writes) holds. */
const MAX_AREAS = 12;
const MAX_REFS = 4;

export interface StoredReport {
  readonly fingerprint: string;
  readonly ratings: Readonly<Record<string, RatingId>>;
  readonly reportType: string;
  readonly importedAt: string;
  readonly importedByName: string;
}

/** The assessor report imported into a campaign, if any. */
export async function storedReport(stores: Stores, tenantId: string, campaignId: string): Promise<StoredReport | undefined> {
  const e = await stores.actions.getReport(tenantId, campaignId);
  if (!e) return undefined;
  return { fingerprint: String(e.fingerprint), ratings: JSON.parse(String(e.ratings)) as Record<string, RatingId>, reportType: String(e.reportType ?? ""), importedAt: String(e.importedAt), importedByName: String(e.importedByName ?? "") };
}

export class ReportImportService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly rolesOf: (actor: Actor) => Promise<readonly Role[]>,
  ) {}

  stored(tenantId: string, campaignId: string): Promise<StoredReport | undefined> {
    return storedReport(this.stores, tenantId, campaignId);
  }

  /** Writes the report's ratings and draft actions into `campaignId`, once. */
  async apply(actor: Actor, campaignId: string, text: string): Promise<Outcome & { readonly report?: ParsedReport }> {
    if (!can(await this.rolesOf(actor), "manage-campaigns")) return this.refuse(actor, { code: "not-allowed", message: "Only a CSE coordinator can import the assessor's report." });
    const campaign = await this.stores.campaigns.get(actor.tenantId, campaignId);
    if (!campaign) return this.refuse(actor, { code: "unknown-campaign", message: "That campaign is not in your organisation, so nothing was imported." });
    const report = parseAssessorReport(text);
    if (report.ratings.size === 0) return this.refuse(actor, { code: "invalid-payload", message: "I could not find the compliance table (a rating for each element) in that report, so nothing was imported." });
    const fingerprint = createHash("sha256").update(text.replace(/\s+/g, " ").trim()).digest("hex");
    const existing = await this.stored(actor.tenantId, campaignId);
    if (existing) return this.already(existing, fingerprint, report);

    const at = this.clock.now().toISOString();
    const today = londonDay(this.clock.now());
    const me: Person = { userId: actor.userId, name: actor.displayName };
    const dueOn = workingDayOnOrAfter(addMonths(today, 3));
    const areas = report.areas.filter((a) => a.refs.length > 0).slice(0, MAX_AREAS);
    const builds = areas.map((area) => (id: string): ImprovementAction => ({
      tenantId: actor.tenantId,
      id,
      campaignId,
      title: titleOf(area.text),
      description: area.text.slice(0, ACTION_LIMITS.descriptionChars),
      refs: area.refs.slice(0, MAX_REFS),
      owner: me,
      dueOn,
      priority: "medium",
      status: "open",
      createdBy: me,
      createdAt: at,
      updatedAt: at,
    }));
    const columns = { fingerprint, ratings: JSON.stringify(Object.fromEntries(report.ratings)), reportType: report.reportType ?? "", organisation: report.organisation ?? "", assessmentDate: report.assessmentDate ?? "", importedBy: actor.userId, importedByName: actor.displayName, importedAt: at };
    try {
      const actions = await this.stores.actions.createWithReport(actor.tenantId, campaignId, columns, builds, (a) => nextActionReminder(a, today)?.on, { by: me, at });
      // Its draft actions have reminders: the daily run must know this council.
      await this.stores.tenants.register(actor.tenantId);
      this.log.info({ tenant: actor.tenantId, campaign: campaignId, ratings: report.ratings.size, actions: actions.length }, "assessor report imported");
      const numbers = actions.length ? ` and ${actions.length} draft improvement action${actions.length === 1 ? "" : "s"} (${actions.map((a) => a.id).join(", ")}), due ${formatLondonDay(dueOn)}: give each an owner and a date` : "";
      return { ok: true, report, message: `Imported the assessor's ${report.ratings.size} ratings into "${campaign.name}"${numbers}.` };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      // Someone imported at the same moment: theirs stands.
      return this.already((await this.stored(actor.tenantId, campaignId))!, fingerprint, report);
    }
  }

  private already(existing: StoredReport, fingerprint: string, report: ParsedReport): Outcome & { readonly report?: ParsedReport } {
    if (existing.fingerprint === fingerprint) return { ok: true, report, message: `This report was already imported on ${formatLondonDay(existing.importedAt.slice(0, 10))} by ${existing.importedByName}; nothing has changed.` };
    return { ok: false, refusal: { code: "conflict", message: `This campaign already has an assessor's report (${existing.reportType || "imported"} on ${formatLondonDay(existing.importedAt.slice(0, 10))}). Nothing was changed.` } };
  }

  private refuse(actor: Actor, refusal: Refusal): Outcome {
    this.log.warn({ tenant: actor.tenantId, user: actor.userId, code: refusal.code }, "assessor report import refused");
    return { ok: false, refusal };
  }
}

/** The first sentence of an area for improvement, as an action's title. */
function titleOf(text: string): string {
  const first = (/^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text).trim();
  return first.length <= ACTION_LIMITS.titleChars ? first : `${first.slice(0, ACTION_LIMITS.titleChars - 1).trimEnd()}\u2026`;
}
