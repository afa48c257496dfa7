/**
 * The certification calendar as people use it: everyone sees the council's (and separately
 * certified units') review and reassessment dates with their evidence deadlines; coordinators
 * change them. Every change is checked here, on the server, and audited. No Teams SDK.
 */
import { formatLondonDay, londonDay, type IsoDate, daysBetween } from "../domain/calendar.js";
import {
  describeCalendar,
  validateCertificationDraft,
  visitsOf,
  type CertificationDraft,
  type CertificationSettings,
  type Visit,
} from "../domain/certification.js";
import type { Refusal } from "../domain/refusal.js";
import { can } from "../domain/roles.js";
import { ConcurrencyError } from "../store/index.js";
import type { Notice } from "./views.js";
import type { Actor } from "./views.js";
import { refused } from "./refused.js";
import { councilAndUnits } from "./scopes.js";
import { Service, type ServiceContext } from "./context.js";

/** A calendar that can be chosen: the whole council, or a unit. */
export interface CalendarScope {
  readonly id: string;
  readonly name: string;
}

export interface VisitView extends Visit {
  /** Calendar days from today to the visit, and to its evidence deadline (negative: passed). */
  readonly daysToGo: number;
  readonly evidenceDaysToGo: number;
}

export interface CalendarView {
  readonly settings: CertificationSettings;
  readonly visits: readonly VisitView[];
}

export interface DatesView {
  readonly today: IsoDate;
  /** The whole council's first, then units by name. */
  readonly calendars: readonly CalendarView[];
  /** Coordinators may change dates (checked again on save). */
  readonly canEdit: boolean;
  /** What a coordinator can choose to change: the whole council and the active campaign's units. */
  readonly scopes: readonly CalendarScope[];
  readonly notice?: Notice;
  /** What was typed, kept after a refusal. */
  readonly draft?: CertificationDraft;
}

export type CertificationOutcome =
  | { readonly ok: true; readonly settings: CertificationSettings; readonly message: string }
  | { readonly ok: false; readonly refusal: Refusal };

const ONLY_COORDINATORS: Refusal = {
  code: "not-allowed",
  message: "Only a CSE coordinator can change the certification dates. Type roles to see who the coordinators are.",
};

export class CertificationService extends Service {
  constructor(context: ServiceContext) {
    super(context);
  }

  /** The tenant's calendars with days to go from today (London), and what `actor` may change. */
  async view(actor: Actor, extra: { notice?: Notice; draft?: CertificationDraft } = {}): Promise<DatesView> {
    const [stored, roles] = await Promise.all([this.stores.certification.list(actor.tenantId), this.rolesOf(actor)]);
    const canEdit = can(roles, "manage-campaigns");
    const today = londonDay(this.clock.now());
    const calendars = stored.map((settings) => ({
      settings,
      visits: visitsOf(settings).map((v) => ({
        ...v,
        daysToGo: daysBetween(today, v.date),
        evidenceDaysToGo: daysBetween(today, v.evidenceDue),
      })),
    }));
    return { today, calendars, canEdit, scopes: canEdit ? await this.scopes(actor, stored) : [], ...extra };
  }

  async save(actor: Actor, draft: CertificationDraft): Promise<CertificationOutcome> {
    if (!can(await this.rolesOf(actor), "manage-campaigns")) return refused(this.log, actor, "save-dates", ONLY_COORDINATORS);
    const checked = validateCertificationDraft(draft, londonDay(this.clock.now()));
    if (!checked.ok) return refused(this.log, actor, "save-dates", checked.refusal);
    const existing = await this.stores.certification.get(actor.tenantId, draft.scopeId);
    const scope = (await this.scopes(actor, existing ? [existing] : [])).find((s) => s.id === draft.scopeId);
    if (!scope)
      return refused(this.log, actor, "save-dates", {
        code: "invalid-payload",
        message:
          "That unit is not in your council's current campaign, so no dates were saved. Choose the whole council or one of its units.",
      });

    const before = existing ? describeCalendar(existing) : "";
    const after = describeCalendar(checked.value);
    if (existing && before === after)
      return { ok: true, settings: existing, message: `Nothing changed: those are already the dates for ${scope.name}.` };
    const settings: CertificationSettings = {
      tenantId: actor.tenantId,
      scopeId: scope.id,
      scopeName: scope.name,
      ...checked.value,
      updatedBy: actor.userId,
      updatedByName: actor.displayName,
      updatedAt: this.clock.now().toISOString(),
      etag: existing?.etag,
    };
    let saved: CertificationSettings;
    try {
      saved = await this.stores.certification.save(settings, {
        scopeId: scope.id,
        from: before,
        to: after,
        byId: actor.userId,
        byName: actor.displayName,
        at: settings.updatedAt,
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return refused(this.log, actor, "save-dates", {
        code: "conflict",
        message: `Someone else changed the dates for ${scope.name} at the same moment, so nothing was saved. Please look again and retry.`,
      });
    }
    this.log.info({ tenant: actor.tenantId, scope: scope.id, created: !existing }, "certification calendar saved");
    const next = visitsOf(saved).find((v) => v.date >= londonDay(this.clock.now()));
    const nextText = next
      ? ` Next: ${next.label.toLowerCase()} on ${formatLondonDay(next.date)}, evidence due ${formatLondonDay(next.evidenceDue)}.`
      : "";
    return { ok: true, settings: saved, message: `Saved the dates for ${scope.name}.${nextText}` };
  }

  /** The whole council, the active campaign's units, and any unit that already has a calendar. */
  private scopes(actor: Actor, stored: readonly CertificationSettings[]): Promise<CalendarScope[]> {
    return councilAndUnits(
      this.stores,
      actor.tenantId,
      stored.map((s) => ({ id: s.scopeId, name: s.scopeName })),
    );
  }
}
